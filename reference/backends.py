"""Find and load the ``impl_<framework>`` packages without importing any framework eagerly."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType

# backend name -> (implementation package, framework module it needs, pip extra that installs it)
BACKENDS = {
    "numpy": ("impl_numpy", "numpy", None),
    "torch": ("impl_torch", "torch", "torch"),
    "tf": ("impl_tf", "tensorflow", "tf"),
    "jax": ("impl_jax", "jax", "jax"),
}


def _installed(name: str) -> bool:
    """The framework is importable and the package is written, found without importing either
    (``find_spec("impl_tf.deep_nn")`` would import ``impl_tf``, and with it TensorFlow)."""
    package, framework, _ = BACKENDS[name]
    try:
        spec = importlib.util.find_spec(package)
        if importlib.util.find_spec(framework) is None or spec is None or not spec.submodule_search_locations:
            return False
    except (ImportError, ValueError):
        return False
    return any((Path(folder) / "deep_nn.py").is_file() for folder in spec.submodule_search_locations)


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
