"""Benchmarks of every backend against the machine's peak FLOP rate, NumPy's matrix products alone and scikit-learn
(issue 7, issue 25)."""
