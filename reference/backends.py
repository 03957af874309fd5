"""Find and load the ``impl_<framework>`` packages without importing any framework eagerly."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

# backend name -> (implementation package, framework module it needs, pip extra that installs it)
BACKENDS = {
    "numpy": ("impl_numpy", "numpy", None),
    "torch": ("impl_torch", "torch", "torch"),
    "tf": ("impl_tf", "tensorflow", "tf"),
    "jax": ("impl_jax", "jax", "jax"),
}


def _installed(name: str) -> bool:
    package, framework, _ = BACKENDS[name]
    try:
        return (importlib.util.find_spec(framework) is not None
                and importlib.util.find_spec(f"{package}.deep_nn") is not None)
    except (ImportError, ValueError):
        return False


def available_backends() -> list[str]:
    """The backends whose framework is installed, in the order numpy, torch, tf, jax."""
    return [name for name in BACKENDS if _installed(name)]


def get_backend(name: str) -> ModuleType:
    """The implementation package for ``name``; says which extra to install when it is missing."""
    if name not in BACKENDS:
        expected = "one of " + ", ".join(repr(b) for b in BACKENDS)
        raise ValueError(f"backend: expected {expected}, got {name!r}")
    package, framework, extra = BACKENDS[name]
    if not _installed(name):
        raise ImportError(
            f"backend {name!r} needs {framework}, which is not installed: "
            f"pip install 'nn-rosetta[{extra}]' (or 'nn-rosetta[all]')"
        )
    return importlib.import_module(package)
