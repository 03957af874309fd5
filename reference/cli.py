"""The ``rosetta`` command line: ``compare``, ``show``, ``site`` and ``check``.

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

from . import data, determinism, ensemble
from .backends import BACKENDS, available_backends, get_backend
from .check.course_api import WEEKS
from .check.sandbox import Limits
from .compare import MODEL_DEFAULTS, compare_model, format_table
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
    k.add_argument("--csv", metavar="FILE", help="also write the summary table as CSV")
    k.add_argument("--json", metavar="FILE", help="also write every outcome as JSON")
    return parser


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
    index = website.build(Path(args.out), results if (results / "results.json").is_file() else None)
    print(f"Wrote {index} (open it in a browser; it needs no network)")
    return 0


# ---------------------------------------------------------------- check

def check(args) -> int:
    from .check import report
    from .check.sandbox import check_files
    from .check.sources import collect

    paths = collect(args.paths)
    if args.framework != "numpy":
        get_backend(args.framework)  # a missing framework: one line naming the extra, before any child starts
    limits = Limits(timeout=args.timeout, memory_mb=args.memory)
    options = {"week": args.week, "framework": args.framework, "model": args.model, "activation": args.activation,
               "limits": limits}
    start = time.perf_counter()
    done = []

    def progress(file_report):
        done.append(file_report)
        if len(paths) > 1:
            print(f"  checked {len(done)}/{len(paths)}: {file_report.path} ({file_report.seconds:.1f} s)",
                  file=sys.stderr, flush=True)

    reports = check_files(paths, jobs=args.jobs, progress=progress, **options)
    if len(reports) == 1:
        print(report.single(reports[0]), end="")
    else:
        print(report.details(reports))
        print(report.table(reports))
        print(f"{report.totals(reports)} in {len(reports)} files; {time.perf_counter() - start:.1f} s")
    if args.csv:
        report.write_csv(reports, args.csv)
    if args.json:
        report.write_json(reports, args.json)
    bad = any(r.error or r.count("FAIL") or r.count("ERROR") for r in reports)
    return 1 if bad else 0


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"compare": compare, "show": show, "site": site, "check": check}[args.command](args)
    except (ValueError, ImportError, OSError) as exc:
        print(f"rosetta {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"rosetta {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
