"""The figures of ``rosetta compare``, drawn with matplotlib's non-interactive Agg backend.

- ``costs.png``: every backend's cost curve, one panel per model; they should lie on top of each other.
- ``cost_differences.png``: |cost_backend - cost_numpy| per iteration on a log scale, one panel per model,
  over the band of the ensemble's envelope (reference/proof/ensemble.py), with where a backend leaves it.
- ``decision_boundaries.png`` (two-dimensional data only): one panel per model, plus one per backend
  whose predictions on the plotting grid differ from NumPy's.

Each file records its panel titles in the PNG's "Description" text chunk, one per line.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

# NumPy, the reference, is drawn wide and underneath; the others narrower and dashed on top, so that
# curves lying on top of each other stay visible.
STYLE = {
    "numpy": {"color": "#4c72b0", "linewidth": 3.0, "linestyle": "-", "alpha": 0.6},
    "torch": {"color": "#dd8452", "linewidth": 1.6, "linestyle": "--"},
    "tf": {"color": "#55a868", "linewidth": 1.4, "linestyle": "-."},
    "jax": {"color": "#c44e52", "linewidth": 1.2, "linestyle": ":"},
}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)  # files only: no display needed, none opened
    import matplotlib.pyplot as plt

    return plt


def _grid_of(n: int, plt, width=5.0, height=3.8):
    cols = min(n, 3)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(width * cols, height * rows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n])


def _save(fig, path: Path, plt) -> Path:
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible() and ax.get_title()]
    fig.tight_layout()
    fig.savefig(path, dpi=100, metadata={"Title": path.stem, "Description": "\n".join(titles)})
    plt.close(fig)
    return path


def cost_curves(comparisons, path: Path) -> Path:
    plt = _pyplot()
    fig, axes = _grid_of(len(comparisons), plt)
    for ax, c in zip(axes, comparisons, strict=True):
        for r in c.results:
            ax.plot(np.arange(len(r.costs)), r.costs, label=r.backend, **STYLE.get(r.backend, {}))
        ax.set_title(f"{c.model}: cost, {c.dtype}")
        ax.set_xlabel("iteration")
        ax.set_ylabel("cost J")
        ax.legend(title=f"alpha = {c.learning_rate:g}")
    return _save(fig, path, plt)


def cost_differences(comparisons, path: Path) -> Path:
    plt = _pyplot()
    fig, axes = _grid_of(len(comparisons), plt, height=4.6)
    for ax, c in zip(axes, comparisons, strict=True):
        iterations = np.arange(len(c.envelope))
        ax.fill_between(iterations, 1e-18, np.asarray(c.envelope), color="0.85", label="ensemble envelope")
        for r in c.results[1:]:
            ax.plot(iterations, _positive(r.cost_diffs), label=r.backend, marker=".", markersize=2,
                    **{**STYLE.get(r.backend, {}), "alpha": 0.8})
            if r.first_exit is not None:
                ax.axvline(r.first_exit, color=STYLE.get(r.backend, {}).get("color", "black"), linestyle=":",
                           linewidth=1, label=f"{r.backend} leaves")
        ax.set_yscale("log")
        ax.set_ylim(1e-18, 1.0)
        ax.set_title(f"{c.model}: |cost - cost_numpy|, {c.dtype}")
        ax.set_xlabel("iteration (exact zeros are not drawn)")
        ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3)  # below: no data hidden
    return _save(fig, path, plt)


def _positive(values):
    """Exact zeros (identical costs) have no place on a log scale: they are left out of the line."""
    a = np.asarray(values, dtype=np.float64)
    return np.where(a > 0, a, np.nan)


def grid_for(X: np.ndarray, steps: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A (steps * steps, 2) grid covering X (n_samples, 2) with a margin, and its two axes."""
    lo, hi = X.min(axis=0) - 1, X.max(axis=0) + 1
    xs, ys = np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps)
    xx, yy = np.meshgrid(xs, ys)
    return np.c_[xx.ravel(), yy.ravel()], xs, ys


def decision_boundaries(comparisons, X: np.ndarray, y: np.ndarray, path: Path, steps: int = 200) -> Path:
    """One panel per model (NumPy's boundary), and one per backend whose grid predictions differ from NumPy's."""
    plt = _pyplot()
    _, xs, ys = grid_for(X, steps)
    panels = []
    for c in comparisons:
        reference = c.results[0].grid_predictions
        panels.append((f"{c.model}: decision boundary", reference))
        for r in c.results[1:]:
            differ = int(np.sum(r.grid_predictions != reference))
            if differ:
                panels.append((f"{c.model} on {r.backend}: {differ} grid points differ", r.grid_predictions))
    fig, axes = _grid_of(len(panels), plt, width=4.5, height=4.2)
    for ax, (title, predictions) in zip(axes, panels, strict=True):
        ax.contourf(xs, ys, predictions.reshape(len(ys), len(xs)), levels=[-0.5, 0.5, 1.5],
                    colors=["#f4c7c3", "#c6dbef"])
        ax.scatter(X[:, 0], X[:, 1], c=np.where(y == 1, "#2166ac", "#b2182b"), s=8)
        ax.set_title(title)
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
    return _save(fig, path, plt)


def write_all(comparisons, X_train, y_train, folder: Path) -> list[Path]:
    """Every figure that applies to these comparisons, written into ``folder``."""
    paths = [cost_curves(comparisons, folder / "costs.png"),
             cost_differences(comparisons, folder / "cost_differences.png")]
    if X_train.shape[1] == 2 and all(r.grid_predictions is not None for c in comparisons for r in c.results):
        paths.append(decision_boundaries(comparisons, X_train, y_train, folder / "decision_boundaries.png"))
    return paths
