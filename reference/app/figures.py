"""The application's figures, drawn with matplotlib's Agg backend (files only).

- ``costs``: the cost curve of one training run, the course's "Cost after iteration i" as a plot;
- ``pictures``: your pictures with their predicted class and probability;
- ``mislabelled``: the course's ``print_mislabeled_images``: the test pictures the model gets wrong, each with
  its prediction and its true class;
- ``learning_rates``: the course's "choice of learning rate" figure (week 2): cost curves for several learning
  rates on one plot, every backend drawn in its style on top of NumPy's;
- ``boundary_animation``: the 2-D decision boundary evolving over training, an animated GIF (Pillow).

Each PNG records its panel titles in its "Description" text chunk, like reference/views/plots.py's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..views.plots import STYLE, _grid_of, _pyplot, _save, grid_for


def costs(training, path: Path) -> Path:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(np.arange(len(training.costs)), training.costs, **STYLE.get(training.backend, {}))
    ax.set_title(f"{training.preset.name} on {training.backend}, {training.dtype}: "
                 f"learning rate {training.learning_rate:g}")
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    return _save(fig, path, plt)


def _class_name(classes, label) -> str:
    return str(classes[int(label)]) if classes else str(int(label))


def pictures(images, probabilities, classes, path: Path, titles=None) -> Path:
    """``images``: (size, size, 3) uint8 arrays; each titled with its class and probability (and its name)."""
    plt = _pyplot()
    fig, axes = _grid_of(len(images), plt, width=2.6, height=3.3)
    for i, (ax, image, p) in enumerate(zip(axes, images, probabilities, strict=True)):
        ax.imshow(image)
        ax.axis("off")
        name = f"{titles[i]}\n" if titles else ""
        ax.set_title(f"{name}{_class_name(classes, p > 0.5)} (p = {p:.3f})", fontsize=9)
    return _save(fig, path, plt)


def mislabelled(images, y, probabilities, classes, path: Path, limit: int = 12) -> Path | None:
    """The first ``limit`` pictures whose prediction (p > 0.5) is not their label; None when there is none."""
    wrong = np.flatnonzero((np.asarray(probabilities) > 0.5) != (np.asarray(y) == 1))[:limit]
    if not wrong.size:
        return None
    plt = _pyplot()
    fig, axes = _grid_of(len(wrong), plt, width=2.6, height=3.3)
    for ax, i in zip(axes, wrong, strict=True):
        ax.imshow(images[i])
        ax.axis("off")
        ax.set_title(f"Prediction: {_class_name(classes, probabilities[i] > 0.5)}\n"
                     f"Class: {_class_name(classes, y[i])}", fontsize=9)
    return _save(fig, path, plt)


def learning_rates(curves: dict[tuple[float, str], np.ndarray], title: str, path: Path) -> Path:
    """``curves``: (learning rate, backend) -> cost curve; one colour per rate, one line style per backend."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    rates = sorted({rate for rate, _ in curves}, reverse=True)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for (rate, backend), values in curves.items():
        style = {**STYLE.get(backend, {}), "color": colours[rates.index(rate) % len(colours)]}
        ax.plot(np.arange(len(values)), values, label=f"{rate:g} ({backend})", **style)
    ax.set_title(title)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    ax.legend(fontsize=7, ncol=max(1, len(rates)), loc="upper right")
    return _save(fig, path, plt)


def boundary_animation(training, X: np.ndarray, y: np.ndarray, path: Path, steps: int = 120) -> Path:
    """The decision boundary of ``training.snapshots`` over X (m, 2), one frame each, as an animated GIF."""
    from matplotlib.animation import FuncAnimation, PillowWriter

    import impl_numpy

    plt = _pyplot()
    module = getattr(impl_numpy, training.preset.model)
    grid, xs, ys = grid_for(X, steps)
    fig, ax = plt.subplots(figsize=(4.8, 4.4))

    def frame(index):
        iteration, params = training.snapshots[index]
        ax.clear()
        predicted = module.predict(grid.T, {k: np.asarray(v, np.float64) for k, v in params.items()},
                                   **training.preset.kwargs)
        ax.contourf(xs, ys, predicted.reshape(len(ys), len(xs)), levels=[-0.5, 0.5, 1.5],
                    colors=["#f4c7c3", "#c6dbef"])
        ax.scatter(X[:, 0], X[:, 1], c=np.where(y == 1, "#2166ac", "#b2182b"), s=6)
        ax.set_title(f"{training.preset.name} ({training.backend}): iteration {iteration}")
        return []

    animation = FuncAnimation(fig, frame, frames=len(training.snapshots), blit=False)
    animation.save(str(path), writer=PillowWriter(fps=4))
    plt.close(fig)
    return Path(path)
