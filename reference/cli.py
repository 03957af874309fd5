"""The ``rosetta`` command line: ``compare``, ``show``, ``site``, ``check``, ``train``, ``predict``,
``learning-rates``, ``graph`` and ``optimizers``, parsed here, each run by its body in its room (``COMMANDS`` says
which).

Exit status: 0 when every backend agrees with NumPy (or the command has nothing to judge), 1 when
one disagrees beyond the tolerance table, 2 for bad usage or input (one line on stderr).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .app.arguments import _list, _number, data_sources, optimizer_options, regularization_options
from .backends import BACKENDS
from .check.options import add as check_options
from .graph.models import MODELS as GRAPH_MODELS
from .proof.compare import MODEL_DEFAULTS
from .validation import ACTIVATIONS, DTYPES, INITIALIZERS


class _Parser(argparse.ArgumentParser):
    """argparse, with errors on one line: ``rosetta compare: error: --dataset: expected ...``."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rosetta", description="The first course of the Deep Learning specialization in NumPy, "
                                                 "PyTorch, TensorFlow and JAX, compared.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    count, positive = _number(int, None, "an integer >= 0"), _number(float, 0.0, "a positive number")
    backends = _list(tuple(BACKENDS))
    installed = f"comma-separated, from {', '.join(BACKENDS)} (default: every installed backend)"

    c = commands.add_parser("compare", help="train every model on every installed backend and compare with NumPy",
                            description="Train every model on every backend from the same NumPy-made start; print "
                                        "the table, write plots and results.json. Exit 1 if a backend disagrees.")
    data_sources(c)
    c.add_argument("--models", type=_list(tuple(MODEL_DEFAULTS)), default=list(MODEL_DEFAULTS),
                   help=f"comma-separated, from {', '.join(MODEL_DEFAULTS)} (default: all)")
    c.add_argument("--backends", type=backends, default=None, help=installed)
    c.add_argument("--dtype", choices=DTYPES, default="float64")
    c.add_argument("--iterations", type=count, default=None, help="default: the course's for each model")
    c.add_argument("--learning-rate", type=positive, default=None, help="default: the course's for each model")
    c.add_argument("--init", choices=INITIALIZERS, default=None, help="default: the course's for each model")
    c.add_argument("--seed", type=count, default=0, help="for the initial parameters and the train/test split")
    regularization_options(c, "the networks'")
    optimizer_options(c, "the networks")
    c.add_argument("--out", default="rosetta-out", help="folder for plots and results.json (default: rosetta-out)")
    c.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    c.add_argument("--no-plots", action="store_true", help="write results.json only")

    s = commands.add_parser("show", help="one concept in the four frameworks, below its equation",
                            description="Print one concept (e.g. deep_nn.backward_propagation, activations.relu, "
                                        "initializers.he) from every implementation; with no NAME, list them.")
    s.add_argument("name", nargs="?", help="module.function, or a function name found in one module only")
    s.add_argument("--backends", type=backends, default=list(BACKENDS),
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
    check_options(k, _number)

    from .app.presets import PRESETS

    def data_options(sub):
        data_sources(sub, "planar; the model's own for init_model and reg_model")
        sub.add_argument("--dtype", choices=DTYPES, default="float64")
        sub.add_argument("--iterations", type=count, default=None,
                         help="default: the model's (2500 for the application's two)")
        sub.add_argument("--seed", type=count, default=None,
                         help="for the initial parameters and the train/test split (default: 0; the course's 3 for "
                              "init_model and reg_model)")

    t = commands.add_parser("train", help="train one model on one backend; plots, accuracies, --save model.npz",
                            description="Train one model (the application's two_layer_model or L_layer_model, or "
                                        "the course's three) on one backend, with a progress bar; print the costs "
                                        "and the train and test accuracy; write the cost curve, the mislabelled test "
                                        "pictures (picture data) or the decision boundary's animation (2-D data).")
    t.add_argument("model", metavar="MODEL", choices=tuple(PRESETS), help=f"one of {', '.join(PRESETS)}")
    data_options(t)
    t.add_argument("--backend", choices=tuple(BACKENDS), default="numpy", help="default: numpy")
    t.add_argument("--learning-rate", type=positive, default=None,
                   help="default: the model's (0.0075 for the application's two)")
    t.add_argument("--init", choices=INITIALIZERS, default=None, help="default: the model's")
    regularization_options(t, "the network's")
    optimizer_options(t, "the network")
    t.add_argument("--save", metavar="NPZ", help="write the trained model here (the portable .npz of reference/io.py)")
    t.add_argument("--out", default="rosetta-train", help="folder for the figures (default: rosetta-train)")
    t.add_argument("--frames", type=count, default=40,
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
    data_options(a)
    a.add_argument("--rates", type=_rates, default=[0.01, 0.001, 0.0001],
                   help="comma-separated learning rates (default: the course's 0.01,0.001,0.0001)")
    a.add_argument("--backends", type=backends, default=None, help=installed)
    a.add_argument("--out", default="rosetta-train/learning_rates.png", help="the figure's path")

    o = commands.add_parser("optimizers", help="each framework's optimizers at their defaults against the course's",
                            description="Course 2, week 2: the optimization notebook's model trained with each "
                                        "framework's own optimizer, configured as the course's and as learners "
                                        "write it (its defaults, momentum without 1 - beta, a learning-rate "
                                        "schedule stepped per mini-batch), against NumPy's course equations: final "
                                        "cost, accuracy, first update differing.")
    o.add_argument("--backends", type=_list(("torch", "tf", "jax")), default=None,
                   help="comma-separated, from torch, tf, jax (default: every installed one)")
    o.add_argument("--epochs", type=_number(int, 0, "a positive integer"), default=5000,
                   help="the notebook's 5000 by default")
    o.add_argument("--out", metavar="JSON", default=None,
                   help="also write the rows here, keeping the other frameworks' rows already in the file")

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
    g.add_argument("--backends", type=backends, default=None, help=installed)
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


# Each command's body, "module:function" under reference/, imported when the command runs (show loads no framework).
COMMANDS = {"compare": "proof.compare:command", "show": "views.show:command", "site": "views.site:command",
            "check": "check.command:command", "train": "app.commands:train", "predict": "app.commands:predict",
            "learning-rates": "app.commands:learning_rates", "graph": "graph.command:command",
            "optimizers": "proof.defaults:command"}


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    module, function = COMMANDS[args.command].split(":")
    try:
        body = getattr(importlib.import_module(f".{module}", __package__), function)
        if args.command == "compare":  # the proof imports no view: it is handed those it draws with
            from .views import plots, progress

            return body(args, progress.Progress, plots)
        return body(args)
    except (ValueError, ImportError, OSError) as exc:
        print(f"rosetta {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"rosetta {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
