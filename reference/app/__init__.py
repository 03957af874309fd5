"""The course's week-4 application: train a classifier, keep it, and ask it about your own pictures.

- ``presets.py``: the application's two models (``two_layer_model``, ``L_layer_model``) and the course's three;
- ``training.py``: one training run on any backend and dtype, in chunks that feed a progress bar and the
  decision-boundary animation; saved as the portable ``.npz`` (reference/io.py);
- ``pictures.py``: any picture Pillow reads, through the course's preprocessing, or a one-line error;
- ``figures.py``: the predicted pictures, the mislabelled test pictures, the learning-rate figure and the
  animated decision boundary;
- ``standin.py``: cat files in the course's exact HDF5 format, from scikit-image's photographs, for whoever does
  not have the course's (``python -m reference.app.standin FOLDER``);
- ``commands.py``: ``rosetta train``, ``rosetta predict`` and ``rosetta learning-rates``, which use them;
- ``arguments.py``: the command line's argument types and the option groups several commands share (the data
  sets, course 2's regularization and optimizers), for reference/cli.py.
"""
