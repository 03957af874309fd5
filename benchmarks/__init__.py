"""Benchmarks of every backend against the NumPy matrix-product limit and scikit-learn (issue 7)."""
