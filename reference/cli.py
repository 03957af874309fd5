"""The ``rosetta`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import data
from .backends import BACKENDS, available_backends
from .compare import MODEL_DEFAULTS, compare_model, format_table
from .validation import DTYPES, INITIALIZERS


def _list(choices):
    def parse(text):
        items = [item.strip() for item in text.split(",") if item.strip()]
        unknown = [item for item in items if item not in choices]
        if unknown or not items:
            raise argparse.ArgumentTypeError(f"expected a comma-separated list of {', '.join(choices)}, got {text!r}")
        return items
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rosetta", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    c = commands.add_parser("compare", help="train every model on every installed backend and compare with NumPy")
    c.add_argument("--dataset", default="planar",
                   help=f"one of {', '.join(data.DATASETS)}, or 'cat' with --cat-train and --cat-test")
    c.add_argument("--cat-train", help="the course's train_catvnoncat.h5 (with --dataset cat)")
    c.add_argument("--cat-test", help="the course's test_catvnoncat.h5 (with --dataset cat)")
    c.add_argument("--models", type=_list(tuple(MODEL_DEFAULTS)), default=list(MODEL_DEFAULTS))
    c.add_argument("--backends", type=_list(tuple(BACKENDS)), default=None, help="default: every installed backend")
    c.add_argument("--dtype", choices=DTYPES, default="float64")
    c.add_argument("--iterations", type=int, default=None, help="default: the course's for each model")
    c.add_argument("--learning-rate", type=float, default=None, help="default: the course's for each model")
    c.add_argument("--init", choices=INITIALIZERS, default=None, help="default: the course's for each model")
    c.add_argument("--seed", type=int, default=0)
    c.add_argument("--out", default="rosetta-out", help="folder for the results (default: rosetta-out)")
    c.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    return parser


def load_data(args):
    if args.dataset == "cat":
        if not (args.cat_train and args.cat_test):
            raise ValueError("dataset: 'cat' needs --cat-train and --cat-test, the course's two HDF5 files")
        return data.load_cat_h5(args.cat_train, args.cat_test)
    return data.load(args.dataset, seed=args.seed)


def compare(args) -> int:
    installed = available_backends()
    backends = args.backends or installed
    missing = [b for b in backends if b not in installed]
    if missing:
        from .backends import get_backend
        get_backend(missing[0])  # raises with the extra to install
    X_train, X_test, y_train, y_test = load_data(args)

    def progress(model, backend):
        if not args.json:
            print(f"  training {model} on {backend} ...", file=sys.stderr, flush=True)

    results = []
    for model in args.models:
        results += compare_model(model, backends, X_train, X_test, y_train, y_test, dtype=args.dtype,
                                 seed=args.seed, init=args.init, learning_rate=args.learning_rate,
                                 num_iterations=args.iterations, progress=progress)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    document = {"dataset": args.dataset, "dtype": args.dtype, "seed": args.seed,
                "results": [r.summary() for r in results],
                "costs": {f"{r.model}/{r.backend}": r.costs for r in results}}
    (out / "results.json").write_text(json.dumps(document, indent=1))
    agree = all(r.agrees for r in results)
    if args.json:
        print(json.dumps({k: document[k] for k in ("dataset", "dtype", "seed", "results")}, indent=1))
    else:
        print(f"\n{args.dataset} data: {len(X_train)} training and {len(X_test)} test examples, {args.dtype}\n")
        print(format_table(results))
        print(f"\n{'Every backend agrees with NumPy' if agree else 'Some backends DISAGREE with NumPy'} "
              f"within the tolerance table (reference/tolerances.py). Results in {out}/")
    return 0 if agree else 1


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"compare": compare}[args.command](args)
    except (ValueError, ImportError) as exc:
        print(f"rosetta {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
