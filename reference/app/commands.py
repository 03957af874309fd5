"""``rosetta train``, ``rosetta predict`` and ``rosetta learning-rates``: the application from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from .. import data, determinism
from ..backends import available_backends
from ..io import load_params, read_metadata
from ..proof import minibatches
from ..quiet import load_backends, quiet_stderr
from ..views.progress import Progress
from . import figures, pictures, presets, training


def _pictures_of(args):
    """(picture shape, class names) when the data are the course's pictures, else (None, ("0", "1"))."""
    if args.dataset == "cat":
        return data.cat_pictures(args.cat_train, "train")
    return None, ("0", "1")


def _writable(path, flag) -> None:
    folder = Path(path).resolve().parent
    if not folder.is_dir():
        raise ValueError(f"{flag}: expected a file in an existing folder, got {path!r} (no folder {str(folder)!r})")


def _data_of(preset, args):
    """The data the options name, else the preset's own (course 2's models: the notebooks' data sets)."""
    args.dataset = args.dataset or (None if args.cat_train or args.cat_test or args.data_mat else preset.dataset)
    return data.from_args(args)


def train(args) -> int:
    """Train one model on one backend: the costs, the accuracies, the figures, and ``--save``."""
    preset = presets.preset(args.model)
    X_train, X_test, y_train, y_test = _data_of(preset, args)
    if args.save:
        _writable(args.save, "--save")
    picture, classes = _pictures_of(args)
    load_backends([args.backend])
    determinism.apply(threads=1)
    iterations = preset.num_iterations if args.iterations is None else args.iterations
    dims = preset.layer_dims(X_train.shape[1])
    optimization = minibatches.from_args(args)
    if optimization is None and preset.mini_batch_size:  # the optimization assignment's model: gd, mini-batches
        optimization = minibatches.Optimization("gd", preset.mini_batch_size)
    course2 = "".join([f", lambd {args.lambd:g}" if args.lambd else "",
                       f", keep_prob {args.keep_prob:g}" if args.keep_prob < 1 else "",
                       f", {optimization}" if optimization else ""])
    unit = "epoch" if optimization else "iteration"
    print(f"{preset.name} {dims} {preset.activation or 'sigmoid'}, {args.init or preset.init} init, learning rate "
          f"{args.learning_rate or preset.learning_rate:g}{course2}, {iterations} {unit}s, on {args.backend} "
          f"{args.dtype}")
    what = "pictures" if picture else "examples"
    print(f"{args.dataset} data: {len(X_train)} training and {len(X_test)} test {what}, {X_train.shape[1]} features")
    progress = Progress(iterations, enabled=sys.stderr.isatty())  # the costs below are the log elsewhere
    frames = args.frames if X_train.shape[1] == 2 else 0
    try:
        result = training.train(preset, X_train, y_train, X_test, y_test, backend=args.backend, dtype=args.dtype,
                                learning_rate=args.learning_rate, num_iterations=args.iterations, init=args.init,
                                seed=args.seed, snapshots=frames, lambd=args.lambd, keep_prob=args.keep_prob,
                                optimization=optimization,
                                progress=lambda done, size: progress.step(f"{unit}s {done} to {done + size}", size))
    finally:
        progress.close()
    every = max(1, iterations // 10)
    for i in range(0, iterations, every):
        print(f"Cost after {unit} {i}: {result.costs[i]:.6f}")
    if iterations:
        print(f"Cost after {unit} {iterations - 1}: {result.costs[-1]:.6f}")
    test = "" if result.test_accuracy is None else f", test accuracy {result.test_accuracy:.4f}"
    print(f"train accuracy {result.train_accuracy:.4f}{test}; {result.seconds:.1f} s")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = [figures.costs(result, out / "costs.png")]
    if picture:
        images = np.clip(np.rint(X_test * 255), 0, 255).astype(np.uint8).reshape(len(X_test), *picture)
        wrong = figures.mislabelled(images, y_test, training.probabilities(preset.model, result.params, X_test.T,
                                                                           preset.activation, args.backend),
                                    classes, out / "mislabelled.png")
        written += [wrong] if wrong else []
    if frames:
        written.append(figures.boundary_animation(result, X_train, y_train, out / "decision_boundary.gif"))
    if args.save:
        result.save(args.save, args.dataset, picture, classes)
        print(f"Saved the model to {args.save}" + (f" (rosetta predict {args.save} PICTURE...)" if picture else ""))
    print(f"Figures in {out}/: {', '.join(p.name for p in written)}")
    return 0


def predict(args) -> int:
    """A trained model's probability and class for each picture; 2 when a picture cannot be read."""
    meta = read_metadata(args.model_file)
    params = load_params(args.model_file)
    application = meta.get("application") or {}
    shape = application.get("picture")
    if not shape:
        raise ValueError(f"MODEL.npz: expected a model trained on pictures (rosetta train --cat-train ... --save), "
                         f"got one trained on {meta['layer_dims'][0]} features of "
                         f"{application.get('dataset') or 'other data'}")
    if shape[0] != shape[1] or shape[2] != 3:
        raise ValueError(f"MODEL.npz: expected square RGB pictures, got a model of {shape[0]} x {shape[1]} x "
                         f"{shape[2]} inputs")
    classes = application.get("classes") or ("0", "1")
    if args.figure:
        _writable(args.figure, "--figure")
    load_backends([args.backend])
    read, failed = [], 0
    for path in args.pictures:
        try:
            read.append(pictures.read(path, shape[0]))
        except pictures.PictureError as exc:
            print(f"rosetta predict: error: {exc}", file=sys.stderr)
            failed += 1
    if read:
        X = np.hstack([p.x for p in read])
        probabilities = training.probabilities(meta["model"], params, X, meta["activation"], args.backend)
        width = max(len("picture"), *(len(p.path) for p in read))
        print(f"{'picture':<{width}}  {'size':>11}  {'mode':<5}  {'probability':>11}  class      conversions")
        for p, probability in zip(read, probabilities, strict=True):
            size = f"{p.original_size[0]} x {p.original_size[1]}"
            label = classes[int(probability > 0.5)]
            print(f"{p.path:<{width}}  {size:>11}  {p.original_mode:<5}  {probability:11.6f}  {label:<9}  "
                  f"{'; '.join(p.notes) or '-'}")
        if args.figure:
            figures.pictures([p.pixels for p in read], probabilities, classes, Path(args.figure),
                             [Path(p.path).name for p in read])
            print(f"Wrote {args.figure}")
    return 2 if failed else 0


def learning_rates(args) -> int:
    """One model at several learning rates on every backend: the final costs and the figure of cost curves."""
    preset = presets.preset(args.model)
    X_train, X_test, y_train, y_test = _data_of(preset, args)
    _writable(args.out, "--out")
    with quiet_stderr():
        backends = args.backends or available_backends()
    backends = ["numpy", *[b for b in backends if b != "numpy"]]
    load_backends(backends)
    determinism.apply(threads=1)
    iterations = preset.num_iterations if args.iterations is None else args.iterations
    batches = minibatches.Optimization("gd", preset.mini_batch_size) if preset.mini_batch_size else None
    progress = Progress(iterations * len(backends) * len(args.rates))
    curves = {}
    try:
        for rate in args.rates:
            for backend in backends:
                progress.step(f"learning rate {rate:g} on {backend}", iterations)
                curves[(rate, backend)] = training.train(preset, X_train, y_train, backend=backend, dtype=args.dtype,
                                                         learning_rate=rate, num_iterations=args.iterations,
                                                         seed=args.seed, optimization=batches).costs
    finally:
        progress.close()
    print(f"{'learning rate':>13}  {'backend':<7}  {'final cost':>12}  max |cost - numpy's|")
    for (rate, backend), costs in curves.items():
        difference = np.max(np.abs(costs.astype(np.float64) - curves[(rate, "numpy")])) if len(costs) else 0.0
        print(f"{rate:>13g}  {backend:<7}  {costs[-1] if len(costs) else float('nan'):12.6f}  {difference:.3g}")
    title = f"{preset.name} on {args.dataset}, {args.dtype}: cost by learning rate"
    print(f"Wrote {figures.learning_rates(curves, title, Path(args.out))}")
    return 0
