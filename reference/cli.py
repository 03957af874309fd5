"""The ``rosetta`` command line: ``compare``, ``show``, ``site``, ``check``, ``train``, ``predict``,
``learning-rates`` and ``graph``.

Exit status: 0 when every backend agrees with NumPy (or the command has nothing to judge), 1 when
one disagrees beyond the tolerance table, 2 for bad usage or input (one line on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from . import data, determinism, ensemble
from .backends import BACKENDS, available_backends, get_backend
from .check.course_api import WEEKS
from .check.sandbox import Limits
from .compare import MODEL_DEFAULTS, compare_model, format_table
from .graph.models import MODELS as GRAPH_MODELS
from .validation import ACTIVATIONS, DTYPES, INITIALIZERS


class _Parser(argparse.ArgumentParser):
    """argparse, with errors on one line: ``rosetta compare: error: --dataset: expected ...``."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _list(choices):
    def parse(text):
        items = [item.strip() for item in text.split(",") if item.strip()]
        unknown = [item for item in items if item not in choices]
        if unknown or not items:
            raise argparse.ArgumentTypeError(f"expected a comma-separated list of {', '.join(choices)}, got {text!r}")
        return items
    return parse


def _number(kind, low, what):
    """An argparse type: ``kind`` (int or float), finite and above ``low`` (or at least 0 when ``low`` is None)."""
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or value != value or value in (float("inf"), float("-inf")) or \
                (value <= low if low is not None else value < 0):
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rosetta", description="The first course of the Deep Learning specialization in NumPy, "
                                                 "PyTorch, TensorFlow and JAX, compared.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = commands.add_parser("compare", help="train every model on every installed backend and compare with NumPy",
                            description="Train every model on every backend from the same NumPy-made start; print "
                                        "the table, write plots and results.json. Exit 1 if a backend disagrees.")
    c.add_argument("--dataset", choices=(*data.DATASETS, "cat"), default=None,
                   help="planar (default), breast_cancer, digits, or cat with --cat-train and --cat-test")
    c.add_argument("--cat-train", metavar="H5", help="the course's train_catvnoncat.h5 (implies --dataset cat)")
    c.add_argument("--cat-test", metavar="H5", help="the course's test_catvnoncat.h5 (implies --dataset cat)")
    c.add_argument("--models", type=_list(tuple(MODEL_DEFAULTS)), default=list(MODEL_DEFAULTS),
                   help=f"comma-separated, from {', '.join(MODEL_DEFAULTS)} (default: all)")
    c.add_argument("--backends", type=_list(tuple(BACKENDS)), default=None,
                   help=f"comma-separated, from {', '.join(BACKENDS)} (default: every installed backend)")
    c.add_argument("--dtype", choices=DTYPES, default="float64")
    c.add_argument("--iterations", type=_number(int, None, "an integer >= 0"), default=None,
                   help="default: the course's for each model")
    c.add_argument("--learning-rate", type=_number(float, 0.0, "a positive number"), default=None,
                   help="default: the course's for each model")
    c.add_argument("--init", choices=INITIALIZERS, default=None, help="default: the course's for each model")
    c.add_argument("--seed", type=_number(int, None, "an integer >= 0"), default=0,
                   help="for the initial parameters and the train/test split")
    c.add_argument("--out", default="rosetta-out", help="folder for plots and results.json (default: rosetta-out)")
    c.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    c.add_argument("--no-plots", action="store_true", help="write results.json only")

    s = commands.add_parser("show", help="one concept in the four frameworks, below its equation",
                            description="Print one concept (e.g. deep_nn.backward_propagation, activations.relu, "
                                        "initializers.he) from every implementation; with no NAME, list them.")
    s.add_argument("name", nargs="?", help="module.function, or a function name found in one module only")
    s.add_argument("--backends", type=_list(tuple(BACKENDS)), default=list(BACKENDS),
                   help="comma-separated: which implementations to show (default: all four)")
    s.add_argument("--layout", choices=("auto", "side", "stacked"), default="auto",
                   help="side by side, one after another, or side by side when the terminal is wide enough")
    s.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="syntax highlighting (auto: when printing to a terminal)")
    s.add_argument("--width", type=_number(int, 19, "a width of at least 20 columns"), default=None,
                   help="terminal width (default: the terminal's)")

    w = commands.add_parser("site", help="write the static web page of the course",
                            description="Write a self-contained web page: every concept's equation and its four "
                                        "implementations, with the latest compare results.")
    w.add_argument("-o", "--out", required=True, help="folder to write index.html into")
    w.add_argument("--results", default="rosetta-out",
                   help="folder of a `rosetta compare` run to include (default: rosetta-out, if it exists)")

    k = commands.add_parser("check", help="check your own course functions: a .py file, a notebook, or a class",
                            description="Call every course function each file defines (propagate, L_model_backward, "
                                        "compute_cost, ...) with the course's signature and compare it with the loop "
                                        "oracle; each file runs in its own process with time and memory limits. "
                                        "Exit status 1 if any function fails.")
    k.add_argument("paths", nargs="+", metavar="PATH", help=".py files, .ipynb notebooks, or folders of them")
    k.add_argument("--week", choices=tuple(WEEKS), default=None,
                   help="week2, week3, week4, app (the application) or project (nn-rosetta's own names); "
                        "default: found from the names each file defines")
    k.add_argument("--model", choices=("logistic_regression", "shallow_nn", "deep_nn"), default="shallow_nn",
                   help="with the project's own names: which model the file implements (default: shallow_nn)")
    k.add_argument("--activation", choices=ACTIVATIONS, default="tanh",
                   help="with the project's own names: the hidden activation (default: tanh)")
    k.add_argument("--framework", choices=tuple(BACKENDS), default="numpy",
                   help="the arrays your functions take (default: numpy)")
    k.add_argument("--timeout", type=_number(float, 0.0, "a positive number of seconds"), default=Limits.timeout,
                   help=f"seconds for each function (default: {Limits.timeout:g})")
    k.add_argument("--memory", type=_number(int, 0, "a positive number of megabytes"), default=Limits.memory_mb,
                   metavar="MB", help=f"memory for each file beyond Python's own (default: {Limits.memory_mb})")
    k.add_argument("--jobs", type=_number(int, 0, "a positive number"), default=None,
                   help="files checked at once (default: the machine's cores)")
    k.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="check the files on the Dask cluster of this scheduler (tcp://host:8786), each on a worker "
                        "that reads it at the same path (the workers' threads, not --jobs, say how many at once); "
                        "needs nn-rosetta[cluster]")
    k.add_argument("--csv", metavar="FILE", help="also write the summary table as CSV")
    k.add_argument("--json", metavar="FILE", help="also write every outcome as JSON")
    k.add_argument("--points", metavar="FILE.toml",
                   help="the points of each function, a [points] table (sigmoid = 1, propagate = 3): the functions "
                        "every file is graded on (default: 1 for each function a file defines)")
    k.add_argument("--gradescope", metavar="PATH",
                   help="also write one submission's points as Gradescope's results.json (one file only)")
    k.add_argument("--no-sandbox", dest="sandbox", action="store_false",
                   help="run each file's child without bubblewrap, under process limits only (every report says so)")

    from .app.presets import PRESETS

    def data_options(command, default_help):
        command.add_argument("--dataset", choices=(*data.DATASETS, "cat"), default=None, help=default_help)
        command.add_argument("--cat-train", metavar="H5", help="the course's train_catvnoncat.h5 (implies cat)")
        command.add_argument("--cat-test", metavar="H5", help="the course's test_catvnoncat.h5 (implies cat)")
        command.add_argument("--dtype", choices=DTYPES, default="float64")
        command.add_argument("--iterations", type=_number(int, None, "an integer >= 0"), default=None,
                             help="default: the model's (2500 for the application's two)")
        command.add_argument("--seed", type=_number(int, None, "an integer >= 0"), default=0,
                             help="for the initial parameters and the train/test split")

    t = commands.add_parser("train", help="train one model on one backend; plots, accuracies, --save model.npz",
                            description="Train one model (the application's two_layer_model or L_layer_model, or "
                                        "the course's three) on one backend, with a progress bar; print the costs "
                                        "and the train and test accuracy; write the cost curve, the mislabelled test "
                                        "pictures (picture data) or the decision boundary's animation (2-D data).")
    t.add_argument("model", metavar="MODEL", choices=tuple(PRESETS), help=f"one of {', '.join(PRESETS)}")
    data_options(t, "planar (default), breast_cancer, digits, or cat with --cat-train and --cat-test")
    t.add_argument("--backend", choices=tuple(BACKENDS), default="numpy", help="default: numpy")
    t.add_argument("--learning-rate", type=_number(float, 0.0, "a positive number"), default=None,
                   help="default: the model's (0.0075 for the application's two)")
    t.add_argument("--init", choices=INITIALIZERS, default=None, help="default: the model's")
    t.add_argument("--save", metavar="NPZ", help="write the trained model here (the portable .npz of reference/io.py)")
    t.add_argument("--out", default="rosetta-train", help="folder for the figures (default: rosetta-train)")
    t.add_argument("--frames", type=_number(int, None, "an integer >= 0"), default=40,
                   help="frames of the decision-boundary animation, 2-D data only (default: 40; 0: none)")

    r = commands.add_parser("predict", help="ask a trained model about your own pictures",
                            description="Read each picture (any format Pillow reads), preprocess it as the course "
                                        "does (RGB, resized to the model's input size, scaled by 1/255, flattened), "
                                        "and print the model's probability and class. Exit 2 if a picture cannot "
                                        "be read (one line each on stderr; the others are still predicted).")
    r.add_argument("model_file", metavar="MODEL.npz", help="a model written by rosetta train --save")
    r.add_argument("pictures", metavar="PICTURE", nargs="+", help="picture files")
    r.add_argument("--backend", choices=tuple(BACKENDS), default="numpy", help="default: numpy")
    r.add_argument("--figure", metavar="PNG", help="also draw the pictures with their labels into one image")

    a = commands.add_parser("learning-rates", help="cost curves for several learning rates, every backend, one plot",
                            description="The course's choice-of-learning-rate figure: train one model at several "
                                        "learning rates on every backend and draw the cost curves on one plot.")
    a.add_argument("model", metavar="MODEL", choices=tuple(PRESETS), help=f"one of {', '.join(PRESETS)}")
    data_options(a, "planar (default), breast_cancer, digits, or cat with --cat-train and --cat-test")
    a.add_argument("--rates", type=_rates, default=[0.01, 0.001, 0.0001],
                   help="comma-separated learning rates (default: the course's 0.01,0.001,0.0001)")
    a.add_argument("--backends", type=_list(tuple(BACKENDS)), default=None,
                   help=f"comma-separated, from {', '.join(BACKENDS)} (default: every installed backend)")
    a.add_argument("--out", default="rosetta-train/learning_rates.png", help="the figure's path")

    g = commands.add_parser("graph", help="what each framework's autodiff computes, in the course's symbols",
                            description="example: the course's week-2 computation graph J = 3(a + bc), every forward "
                                        "value and backward derivative in each framework against the course's "
                                        "numbers. A model: one gradient step as each framework executes it (torch's "
                                        "make_fx ATen graph and autograd nodes, TensorFlow's concrete graph, JAX's "
                                        "jaxpr, NumPy's manual equations), every operation named by the course's "
                                        "symbol its value equals, counted by kind, its matrix products checked "
                                        "against the course's. Exit 1 when a graph misses one of the course's "
                                        "intermediates or its products differ.")
    g.add_argument("model", metavar="MODEL", choices=("example", *GRAPH_MODELS),
                   help=f"example (J = 3(a + bc)) or a model: {', '.join(GRAPH_MODELS)}")
    g.add_argument("--backends", type=_list(tuple(BACKENDS)), default=None,
                   help=f"comma-separated, from {', '.join(BACKENDS)} (default: every installed backend)")
    g.add_argument("--values", type=_values, default=(5.0, 3.0, 2.0), metavar="A,B,C",
                   help="example only: a, b and c (default: the course's 5,3,2)")
    g.add_argument("--activation", choices=ACTIVATIONS, default=None,
                   help="the hidden layers' activation (default: tanh for shallow_nn, relu for deep_nn)")
    g.add_argument("--modes", type=_list(("autodiff", "manual")), default=("autodiff", "manual"),
                   help="autodiff (the framework's own gradients), manual (the course's equations in its ops), "
                        "or both (default); NumPy has only manual")
    g.add_argument("--svg", default=None, metavar="DIR",
                   help="also draw each graph as DIR/MODEL_BACKEND_MODE.svg (needs Graphviz's dot)")
    return parser


def _values(text):
    parse = _number(float, float("-inf"), "three finite numbers a,b,c")
    values = [parse(item.strip()) for item in text.split(",")]
    if len(values) != 3:
        raise argparse.ArgumentTypeError(f"expected three numbers a,b,c, got {text!r}")
    return tuple(values)


def _rates(text):
    parse = _number(float, 0.0, "positive learning rates")
    rates = [parse(item.strip()) for item in text.split(",") if item.strip()]
    if not rates:
        raise argparse.ArgumentTypeError(f"expected comma-separated positive learning rates, got {text!r}")
    return rates


# ---------------------------------------------------------------- compare

def load_data(args):
    if args.cat_train or args.cat_test or args.dataset == "cat":
        if args.dataset not in (None, "cat"):
            raise ValueError(f"--dataset: expected 'cat' (or no --dataset) with --cat-train/--cat-test, "
                             f"got {args.dataset!r}")
        given = (("--cat-train", args.cat_train), ("--cat-test", args.cat_test))
        missing = [flag for flag, value in given if not value]
        if missing:
            raise ValueError(f"{missing[0]}: expected the course's HDF5 file (the cat data set needs --cat-train "
                             f"and --cat-test), got nothing")
        args.dataset = "cat"
        try:
            return data.load_cat_h5(args.cat_train, args.cat_test)
        except ValueError as exc:  # name the options, not the loader's arguments
            message = str(exc).replace("train_path:", "--cat-train:", 1).replace("test_path:", "--cat-test:", 1)
            raise ValueError(message) from None
    args.dataset = args.dataset or "planar"
    return data.load(args.dataset, seed=args.seed)


@contextlib.contextmanager
def _quiet_stderr():
    """Send file descriptor 2 to a temporary file (TensorFlow and XLA log to it from C++ on import).

    What was written is passed on if the block fails, so that nothing that explains a failure is lost.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        except BaseException:
            os.dup2(saved, 2)
            sink.seek(0)
            sys.stderr.write(sink.read().decode(errors="replace"))
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _load_backends(names):
    for name in names:
        with _quiet_stderr():
            get_backend(name)  # raises with the extra to install when the framework is missing


class Progress:
    """A bar on stderr over the training runs, weighted by their iterations; one line per run when not a terminal."""

    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.total, self.done, self.current = max(total, 1), 0, 0
        self.label, self.count, self.runs = "", 0, 0
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.start = self.step_start = time.perf_counter()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._ticker = None
        if self.tty:  # redraw every half second so that the elapsed time moves during a long run
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()

    def step(self, label: str, iterations: int) -> None:
        with self._lock:
            self.done += self.current
            self.current, self.label, self.step_start = iterations, label, time.perf_counter()
            self.count += 1
            if self.tty:
                self._draw()
            elif self.enabled:
                print(f"  training {label} ({iterations} iterations) ...", file=self.stream, flush=True)

    def _draw(self) -> None:
        width = 24
        filled = int(width * self.done / self.total)
        now = time.perf_counter()
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {self.done / self.total:4.0%}"
        if self.label == "done":
            line = f"{bar}  done in {now - self.start:.1f}s"
        else:
            line = (f"{bar}  {self.label} ({self.current} it., {now - self.step_start:4.1f}s; "
                    f"total {now - self.start:5.1f}s)")
        columns = shutil.get_terminal_size((100, 24)).columns - 1  # never wrap: \r returns to this line only
        self.stream.write("\r" + line[:columns].ljust(columns))
        self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            with self._lock:
                self._draw()

    def close(self) -> None:
        self._stop.set()
        if self._ticker:
            self._ticker.join()
            with self._lock:
                self.done, self.current, self.label = self.total, 0, "done"
                self._draw()
                self.stream.write("\n")
                self.stream.flush()


def _json_safe(value):
    """``value`` with NaN and infinities (a diverging run's costs) as null, so that the JSON stays standard."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    return value


def compare(args) -> int:
    from . import plots

    X_train, X_test, y_train, y_test = load_data(args)  # bad input fails here, before any framework loads
    with _quiet_stderr():  # finding the installed backends imports their frameworks
        backends = args.backends or available_backends()
    # One thread per framework, fixed: the runs become bitwise reproducible across machines, and tiny
    # problems like these run faster (torch's thread pool stalled 2000 logistic steps for 33 s on a busy
    # 2-core machine, against 1 s on one thread); reference/determinism.py says why each setting is needed.
    determinism.apply(threads=1)
    _load_backends(backends)
    grid = plots.grid_for(X_train)[0] if X_train.shape[1] == 2 and not args.no_plots else None
    runs_per_model = len(set(backends) | {"numpy"}) + ensemble.N_MEMBERS  # + the ensemble's NumPy runs
    total = sum((MODEL_DEFAULTS[m]["num_iterations"] if args.iterations is None else args.iterations)
                for m in args.models) * runs_per_model
    progress = Progress(total, enabled=not args.json)
    try:
        comparisons = [compare_model(model, backends, X_train, X_test, y_train, y_test, dtype=args.dtype,
                                     seed=args.seed, init=args.init, learning_rate=args.learning_rate,
                                     num_iterations=args.iterations, grid=grid, progress=progress.step)
                       for model in args.models]
    finally:
        progress.close()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = [] if args.no_plots else plots.write_all(comparisons, X_train, y_train, out)
    agree = all(r.agrees for c in comparisons for r in c.results)
    document = {
        "dataset": args.dataset, "dtype": args.dtype, "seed": args.seed,
        "n_train": int(len(X_train)), "n_test": int(len(X_test)), "n_features": int(X_train.shape[1]),
        "backends": ["numpy", *[b for b in backends if b != "numpy"]], "all_agree": agree,
        "ensemble": {"members": ensemble.N_MEMBERS, "K": ensemble.K, "floor_ulps": ensemble.FLOOR_ULPS},
        "models": [c.summary() for c in comparisons],
        "results": [r.summary() for c in comparisons for r in c.results],
        "plots": [p.name for p in written],
    }
    costs = {f"{r.model}/{r.backend}": r.costs for c in comparisons for r in c.results}
    (out / "results.json").write_text(json.dumps(_json_safe({**document, "costs": costs}), indent=1, allow_nan=False))
    if args.json:
        print(json.dumps(_json_safe(document), indent=1, allow_nan=False))
    else:
        print(f"\n{args.dataset} data: {len(X_train)} training and {len(X_test)} test examples, "
              f"{X_train.shape[1]} features, {args.dtype}\n")
        print(format_table(comparisons))
        verdict = "Every backend agrees" if agree else "Some backends DISAGREE"
        print(f"\n{verdict} with NumPy: every run consistent with the ensemble (reference/ensemble.py).")
        print(f"Plots and results.json in {out}/: {', '.join(p.name for p in written) or 'no plots'}")
    return 0 if agree else 1


# ---------------------------------------------------------------- show and site

def show(args) -> int:
    from . import show as showing

    if args.name is None:
        print(showing.listing(), end="")
        return 0
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    concept = showing.resolve(args.name)
    print(showing.render(concept, args.backends, width=args.width, color=color, layout=args.layout), end="")
    return 0


def site(args) -> int:
    from . import site as website

    results = Path(args.results)
    with _quiet_stderr():  # the page traces each model's graph in every framework: their C++ log lines
        index = website.build(Path(args.out), results if (results / "results.json").is_file() else None)
    print(f"Wrote {index} (open it in a browser; it needs no network)")
    return 0


# ---------------------------------------------------------------- check

def check(args) -> int:
    from .check import cluster, report
    from .check.confined.sources import collect
    from .check.points import read_points
    from .check.sandbox import check_files

    paths = collect(args.paths)
    points = read_points(args.points) if args.points else None  # a bad file: one line, before any child starts
    if args.gradescope and len(paths) != 1:
        raise ValueError(report.one_submission(len(paths)))
    if args.framework != "numpy":
        get_backend(args.framework)  # a missing framework: one line naming the extra, before any child starts
    limits = Limits(timeout=args.timeout, memory_mb=args.memory)
    options = {"week": args.week, "framework": args.framework, "model": args.model, "activation": args.activation,
               "limits": limits, "sandbox": args.sandbox}
    start = time.perf_counter()
    done = []

    def progress(file_report):
        done.append(file_report)
        if len(paths) > 1:
            print(f"  checked {len(done)}/{len(paths)}: {file_report.path} ({file_report.seconds:.1f} s)",
                  file=sys.stderr, flush=True)

    with cluster.executor(args.scheduler) if args.scheduler else contextlib.nullcontext() as executor:
        reports = check_files(paths, jobs=args.jobs, progress=progress, executor=executor, **options)
    if len(reports) == 1:
        print(report.single(reports[0]), end="")
    else:
        print(report.isolation_line(reports))
        print(report.details(reports))
        print(report.table(reports, points))
        print(f"{report.totals(reports)} in {len(reports)} files; {time.perf_counter() - start:.1f} s")
    if args.csv:
        report.write_csv(reports, args.csv, points)
    if args.json:
        report.write_json(reports, args.json, points)
    if args.gradescope:
        report.write_gradescope(reports, args.gradescope, points)
    bad = any(r.error or r.count("FAIL") or r.count("ERROR") for r in reports)
    return 1 if bad else 0


# ---------------------------------------------------------------- the application: train, predict, learning-rates

def _pictures_of(args):
    """(picture shape, class names) when the data are the course's pictures, else (None, ("0", "1"))."""
    if args.dataset == "cat":
        return data.cat_pictures(args.cat_train, "train")
    return None, ("0", "1")


def train(args) -> int:
    from .app import figures, presets, training

    preset = presets.preset(args.model)
    X_train, X_test, y_train, y_test = load_data(args)
    if args.save:
        _writable(args.save, "--save")
    picture, classes = _pictures_of(args)
    _load_backends([args.backend])
    determinism.apply(threads=1)
    iterations = preset.num_iterations if args.iterations is None else args.iterations
    dims = preset.layer_dims(X_train.shape[1])
    print(f"{preset.name} {dims} {preset.activation or 'sigmoid'}, {args.init or preset.init} init, learning rate "
          f"{args.learning_rate or preset.learning_rate:g}, {iterations} iterations, on {args.backend} {args.dtype}")
    what = "pictures" if picture else "examples"
    print(f"{args.dataset} data: {len(X_train)} training and {len(X_test)} test {what}, {X_train.shape[1]} features")
    progress = Progress(iterations, enabled=sys.stderr.isatty())  # the costs below are the log elsewhere
    frames = args.frames if X_train.shape[1] == 2 else 0
    try:
        result = training.train(preset, X_train, y_train, X_test, y_test, backend=args.backend, dtype=args.dtype,
                                learning_rate=args.learning_rate, num_iterations=args.iterations, init=args.init,
                                seed=args.seed, snapshots=frames,
                                progress=lambda done, size: progress.step(f"iterations {done} to {done + size}",
                                                                          size))
    finally:
        progress.close()
    every = max(1, iterations // 10)
    for i in range(0, iterations, every):
        print(f"Cost after iteration {i}: {result.costs[i]:.6f}")
    if iterations:
        print(f"Cost after iteration {iterations - 1}: {result.costs[-1]:.6f}")
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


def _writable(path, flag) -> None:
    folder = Path(path).resolve().parent
    if not folder.is_dir():
        raise ValueError(f"{flag}: expected a file in an existing folder, got {path!r} (no folder {str(folder)!r})")


def predict(args) -> int:
    from .app import figures, pictures, training
    from .io import load_params, read_metadata

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
    _load_backends([args.backend])
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
    from .app import figures, presets, training

    preset = presets.preset(args.model)
    X_train, X_test, y_train, y_test = load_data(args)
    _writable(args.out, "--out")
    with _quiet_stderr():
        backends = args.backends or available_backends()
    backends = ["numpy", *[b for b in backends if b != "numpy"]]
    _load_backends(backends)
    determinism.apply(threads=1)
    iterations = preset.num_iterations if args.iterations is None else args.iterations
    progress = Progress(iterations * len(backends) * len(args.rates))
    curves = {}
    try:
        for rate in args.rates:
            for backend in backends:
                progress.step(f"learning rate {rate:g} on {backend}", iterations)
                curves[(rate, backend)] = training.train(preset, X_train, y_train, backend=backend, dtype=args.dtype,
                                                         learning_rate=rate, num_iterations=args.iterations,
                                                         seed=args.seed).costs
    finally:
        progress.close()
    print(f"{'learning rate':>13}  {'backend':<7}  {'final cost':>12}  max |cost - numpy's|")
    for (rate, backend), costs in curves.items():
        difference = np.max(np.abs(costs.astype(np.float64) - curves[(rate, "numpy")])) if len(costs) else 0.0
        print(f"{rate:>13g}  {backend:<7}  {costs[-1] if len(costs) else float('nan'):12.6f}  {difference:.3g}")
    title = f"{preset.name} on {args.dataset}, {args.dtype}: cost by learning rate"
    print(f"Wrote {figures.learning_rates(curves, title, Path(args.out))}")
    return 0


def graph(args) -> int:
    if args.model == "example" and (args.activation or args.svg or tuple(args.modes) != ("autodiff", "manual")):
        raise ValueError("--activation, --modes and --svg: for a model's graph, not for example (J = 3(a + bc))")
    if args.model != "example" and args.values != (5.0, 3.0, 2.0):
        raise ValueError(f"--values: for example (J = 3(a + bc)) only, not for {args.model}")
    if args.model == "logistic_regression" and args.activation:
        raise ValueError(f"--activation: logistic_regression has no hidden layer (its one unit is a sigmoid), "
                         f"got {args.activation}")
    with _quiet_stderr():
        backends = args.backends or available_backends()
    _load_backends(backends)
    if args.model == "example":
        from .graph import example

        with _quiet_stderr():
            results = example.evaluate(backends, *args.values)
        print(example.render(results, *args.values))
        expected = example.oracle(*args.values)
        return 0 if all(r["values"][k] == expected[k] for r in results.values() for k in expected) else 1
    from .graph import draw, models

    with _quiet_stderr():
        explained = models.explain(args.model, backends, args.activation, args.modes)
    if not explained:
        raise ValueError(f"--modes: none of {', '.join(args.modes)} exists for {', '.join(backends)}")
    print(models.render(explained))
    if args.svg:
        folder = Path(args.svg)
        folder.mkdir(parents=True, exist_ok=True)
        for e in explained:
            path = folder / f"{args.model}_{e.graph.backend}_{e.graph.mode}.svg"
            path.write_text(draw.svg(draw.dot_source(e.graph)), encoding="utf-8")
            print(f"Wrote {path}")
    return 0 if all(e.ok for e in explained) else 1


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        commands = {"compare": compare, "show": show, "site": site, "check": check, "train": train,
                    "predict": predict, "learning-rates": learning_rates, "graph": graph}
        return commands[args.command](args)
    except (ValueError, ImportError, OSError) as exc:
        print(f"rosetta {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"rosetta {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
