"""nn-rosetta's framework-neutral half: the math, the interface, the oracle, the estimators.

``import reference`` imports NumPy only; a framework is imported when its backend is first used.
"""

from .backends import BACKENDS, available_backends, get_backend
from .estimators import DeepNN, LogisticRegression, ShallowNN

__all__ = ["BACKENDS", "DeepNN", "LogisticRegression", "ShallowNN", "available_backends",
           "get_backend"]
