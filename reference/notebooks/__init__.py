"""The course as notebooks: one per week (2, 3, 4) and the week-4 application.

The sources are plain text in the repository's ``notebooks/`` folder (jupytext's percent format: ``# %%`` starts a
code cell, ``# %% [markdown]`` a text cell), so that a diff reads like code. ``build.py`` turns them into ``.ipynb``
files and executes them top to bottom (``python -m reference.notebooks OUT``, ``make notebooks``); the test suite
runs the same (tests/test_notebooks.py) and fails on an error or on anything written to stderr. ``__main__.py`` is
that command.
"""
