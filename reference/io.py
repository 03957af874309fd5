"""Portable parameters: a params dict as a ``.npz`` file any backend can load.

The file holds the arrays ``W1, b1, ..., WL, bL`` in the course shapes and one JSON string ``__meta__``
with the format version, the layer sizes, the dtype, the hidden activation and the model, and, for a
saved estimator, its class and hyperparameters, and for a model of ``rosetta train``, its application (preset,
picture size, class names, accuracies). Nothing is pickled, so loading a file runs no code.
"""

from __future__ import annotations

import json
import os
import zipfile
from typing import Any

import numpy as np

from . import validation as v

FORMAT = "nn-rosetta-params/1"


def layer_dims_of(params: dict[str, Any]) -> list[int]:
    """[n_x, n[1], ..., n[L]] read from the shapes of W1..WL."""
    L = len(params) // 2
    if L == 0 or "W1" not in params:
        raise ValueError(f"params: expected keys W1, b1, ..., got {sorted(params)}")
    return [int(np.shape(params["W1"])[1])] + [int(np.shape(params[f"W{l}"])[0]) for l in range(1, L + 1)]


def save_params(path: str | os.PathLike, params: dict[str, Any], activation: str | None = None,
                model: str | None = None, estimator: dict[str, Any] | None = None,
                application: dict[str, Any] | None = None) -> None:
    """Write ``params`` (NumPy arrays in the course shapes) and what is needed to use them again;
    ``application``: what ``rosetta train`` records (the preset, the picture size, the class names, ...)."""
    dims = layer_dims_of(params)
    checked = v.check_params("params", params, dims)
    dtypes = {a.dtype.name for a in checked.values()}
    if len(dtypes) != 1:
        raise ValueError(f"params: expected one dtype for every array, got {sorted(dtypes)}")
    meta = {"format": FORMAT, "layer_dims": dims, "dtype": v.check_dtype(dtypes.pop()),
            "activation": None if activation is None else v.check_activation(activation),
            "model": model, "estimator": estimator, "application": application}
    with open(path, "wb") as f:  # np.savez would append ".npz" to a path that lacks it
        arrays: dict[str, Any] = {"__meta__": np.array(json.dumps(meta)), **checked}
        np.savez(f, **arrays)


def read_metadata(path: str | os.PathLike) -> dict[str, Any]:
    """The metadata of a saved file: format, layer_dims, dtype, activation, model, estimator."""
    return _read(path)[1]


def load_params(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """The params dict saved by ``save_params``, checked against its recorded layer sizes and dtype."""
    return _read(path)[0]


def _read(path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    name = "path"
    if not os.path.isfile(path):
        raise ValueError(f"{name}: expected an existing .npz file, got {str(path)!r} (no such file)")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise ValueError(f"{name}: expected a .npz file written by save_params, got {str(path)!r} ({exc})") from None
    if "__meta__" not in arrays:
        raise ValueError(f"{name}: expected a .npz file written by save_params, "
                         f"got one without metadata ({str(path)!r})")
    try:
        meta = json.loads(str(arrays.pop("__meta__")))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name}: expected readable metadata in {str(path)!r}, got {exc}") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        got = meta.get("format") if isinstance(meta, dict) else meta
        raise ValueError(f"{name}: expected format {FORMAT!r}, got {got!r}")
    params = v.check_params(f"{name} {str(path)!r}", arrays, meta["layer_dims"])
    wrong = sorted(k for k, a in params.items() if a.dtype.name != meta["dtype"])
    if wrong:
        raise ValueError(f"{name}: expected every array in {meta['dtype']} as recorded, got {wrong} in "
                         f"{params[wrong[0]].dtype.name}")
    return params, meta
