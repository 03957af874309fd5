"""The proof that the four frameworks compute the course's equations alike.

- ``oracle.py``: the loop oracle, the course's equations with plain Python floats, one example and one unit at a time;
- ``tolerances.py``: the one tolerance table, how closely two computations of the same quantity must agree, and why;
- ``harness.py``: the cross-framework equivalence harness, every backend run from NumPy's starting point and compared
  with NumPy under the table;
- ``ensemble.py``: a whole training run judged against an ensemble of NumPy runs perturbed at rounding level;
- ``minibatches.py``: course 2, week 2's optimizer over mini-batches, the course's orders drawn once in NumPy for
  every backend, and an ensemble member's orders;
- ``defaults.py``: ``rosetta optimizers``, each framework's own optimizer at its defaults and as learners write it,
  against the course's equations on the optimization notebook's model;
- ``compare.py``: ``rosetta compare``, every model trained on every backend and judged by the ensemble.
"""
