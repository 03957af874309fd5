"""``rosetta check``'s options: what to check, as what, under which limits, and what to write."""

from __future__ import annotations

from ..backends import BACKENDS
from ..validation import ACTIVATIONS
from .course_api import WEEKS
from .sandbox import Limits


def add(parser, number) -> None:
    """The options of ``rosetta check`` on its argparse ``parser``; ``number(kind, low, what)`` is the command
    line's type for a number above ``low``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".py files, .ipynb notebooks, or folders of them")
    parser.add_argument("--week", choices=tuple(WEEKS), default=None,
                        help="week2, week3, week4, app (the application), c2w1_init, c2w1_reg, c2w1_gradcheck "
                             "(Course 2, week 1: Initialization, Regularization, Gradient Checking), c2w2_opt "
                             "(Course 2, week 2: Optimization Methods) or project (nn-rosetta's own names); default: "
                             "found from the names each file defines")
    parser.add_argument("--model", choices=("logistic_regression", "shallow_nn", "deep_nn"), default="shallow_nn",
                        help="with the project's own names: which model the file implements (default: shallow_nn)")
    parser.add_argument("--activation", choices=ACTIVATIONS, default="tanh",
                        help="with the project's own names: the hidden activation (default: tanh)")
    parser.add_argument("--framework", choices=tuple(BACKENDS), default="numpy",
                        help="the arrays your functions take (default: numpy)")
    parser.add_argument("--timeout", type=number(float, 0.0, "a positive number of seconds"), default=Limits.timeout,
                        help=f"seconds for each function (default: {Limits.timeout:g})")
    parser.add_argument("--memory", type=number(int, 0, "a positive number of megabytes"), default=Limits.memory_mb,
                        metavar="MB", help=f"memory for each file beyond Python's own (default: {Limits.memory_mb})")
    parser.add_argument("--jobs", type=number(int, 0, "a positive number"), default=None,
                        help="files checked at once (default: the machine's cores)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="check the files on the Dask cluster of this scheduler (tcp://host:8786), each on a "
                             "worker that reads it at the same path (the workers' threads, not --jobs, say how many at "
                             "once); needs nn-rosetta[cluster]")
    parser.add_argument("--csv", metavar="FILE", help="also write the summary table as CSV")
    parser.add_argument("--json", metavar="FILE", help="also write every outcome as JSON")
    parser.add_argument("--points", metavar="FILE.toml",
                        help="the points of each function, a [points] table (sigmoid = 1, propagate = 3): the "
                             "functions every file is graded on (default: 1 for each function a file defines)")
    parser.add_argument("--gradescope", metavar="PATH",
                        help="also write one submission's points as Gradescope's results.json (one file only)")
    parser.add_argument("--no-sandbox", dest="sandbox", action="store_false",
                        help="run each file's child without bubblewrap, under process limits only (every report "
                             "says so)")
