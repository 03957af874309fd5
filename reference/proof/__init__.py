"""The proof that the four frameworks compute the course's equations alike.

- ``oracle.py``: the loop oracle, the course's equations with plain Python floats, one example and one unit at a time;
- ``tolerances.py``: the one tolerance table, how closely two computations of the same quantity must agree, and why;
- ``harness.py``: the cross-framework equivalence harness, every backend run from NumPy's starting point and compared
  with NumPy under the table;
- ``ensemble.py``: a whole training run judged against an ensemble of NumPy runs perturbed at rounding level;
- ``compare.py``: ``rosetta compare``, every model trained on every backend and judged by the ensemble.
"""
