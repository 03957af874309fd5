"""The outputs the README and the pages of docs/ show, generated: ``make docs`` runs cog (nedbat/cog) on every page,
which calls these generators in the page's cog blocks and writes what they return between the markers:

    <!-- [[[cog import cogs; cogs.out(cogs.check_example()) ]]] -->
    ```
    (what the generator returns: the fenced block, the ``` lines included)
    ```
    <!-- [[[end]]] -->

The markers are HTML comments, so a rendered page shows only the block. Each generator runs the command the page
names (or reads the JSON file a benchmark wrote) and returns the whole block. ``checked_by`` names the test that
compares the page with the generator: tests/test_docs.py reruns the quick ones in memory; the ones that run a
command of more than a few seconds are compared by the test named, which runs that command already.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# tests/test_docs.py's check of every page: the generators it reruns. Under cog (make docs) it is None: all run.
EVERY_PAGE = "tests/test_docs.py::test_every_shown_output_is_what_its_generator_gives"
RERUN: set[str] | None = None
GENERATORS: dict[str, Callable[..., str]] = {}


def shown(checked_by: str = EVERY_PAGE, timings: bool = False):
    """Register a generator: ``checked_by`` is the test that compares the pages with it (``path::function``);
    ``timings``: its output holds seconds or milliseconds of this run, which the comparison masks."""

    def register(generator: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(generator)
        def block(*args, **kwargs) -> str:
            if RERUN is not None and generator.__name__ not in RERUN:
                import cog  # cogapp's module for the running generator: the text now between the markers

                return cog.previous
            if str(ROOT) not in sys.path:  # benchmarks/ and tests/: cog puts docs/ on the path, page by page
                sys.path.insert(0, str(ROOT))
            return generator(*args, **kwargs)

        block.checked_by = checked_by  # type: ignore[attr-defined]
        block.timings = timings  # type: ignore[attr-defined]
        GENERATORS[generator.__name__] = block
        return block

    return register


def out(text: str) -> None:
    """Write ``text`` between the markers of the running cog block."""
    import cog

    cog.out(text if text.endswith("\n") else text + "\n")


def fenced(text: str) -> str:
    return "```\n" + text.strip("\n") + "\n```\n"


def rosetta(*argv: str, cwd: Path = ROOT) -> str:
    """What ``rosetta ARGV...`` prints on stdout, run in this process from ``cwd``."""
    from reference import cli

    printed = io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(printed):
        cli.main(list(argv))
    return printed.getvalue()


def elided(lines: list[str], keep: Callable[[int, str], bool]) -> list[str]:
    """The lines ``keep(index, line)`` keeps; a blank line stays when the lines on both sides of it stay, and each
    run of lines left out becomes one ``...``."""
    kept = [keep(i, line) for i, line in enumerate(lines)]
    for i, line in enumerate(lines):
        if not line.strip():
            kept[i] = 0 < i < len(lines) - 1 and kept[i - 1] and kept[i + 1]
    result: list[str] = []
    for line, stays in zip(lines, kept, strict=True):
        if stays:
            result.append(line)
        elif not result or result[-1] != "...":
            result.append("...")
    return result


# ---------------------------------------------------------------------------------------------- README, compare


def compare_output(*options: str) -> str:
    """``rosetta compare OPTIONS`` in a fresh process from the project's root (it pins the frameworks' threads),
    as ``make demo`` runs it; without the blank line the progress display leaves before the table."""
    run = subprocess.run([sys.executable, "-m", "reference.cli", "compare", *options], cwd=ROOT, text=True,
                         capture_output=True)
    if run.returncode != 0:
        raise RuntimeError(f"rosetta compare exited {run.returncode}:\n{run.stdout}{run.stderr}")
    return run.stdout.strip("\n")


@shown(checked_by="tests/test_docs.py::test_the_readme_table_is_what_make_demo_prints", timings=True)
def make_demo() -> str:
    """README: ``make demo``'s table, ``rosetta compare`` (about 40 s; it writes rosetta-out/, as make demo does)."""
    return fenced(compare_output())


# ------------------------------------------------------------------------------------------------------- graphs


@functools.cache
def _graph(*argv: str) -> str:
    return rosetta("graph", *argv)


@shown(checked_by="tests/test_graph.py::test_the_readme_count_table_is_what_rosetta_graph_prints")
def graph_counts() -> str:
    """README and docs/graphs.md: the operation counts of ``rosetta graph shallow_nn`` (its table only; 11 s)."""
    printed = _graph("shallow_nn").splitlines()
    start = next(i for i, line in enumerate(printed) if line.startswith("backend"))
    return fenced("\n".join(printed[start:start + 9]))


@shown()
def graph_example() -> str:
    """docs/graphs.md: ``rosetta graph example``, the course's J = 3(a + bc) in every framework."""
    return fenced(_graph("example"))


# -------------------------------------------------------------------------------------------------- application


@shown(checked_by="tests/test_docs.py::test_the_predict_table_is_what_the_trained_model_predicts")
def predict_table() -> str:
    """docs/application.md: ``rosetta predict`` on three photographs, after the page's commands that make its model:
    the stand-in cats, then ``rosetta train L_layer_model`` (2500 iterations on 12288 inputs: about 25 s). All of it
    runs in a temporary folder; the figures the page shows (docs/app/) are not redrawn."""
    from PIL import Image
    from skimage import data

    from reference.app import standin

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        standin.write(folder / "cats")
        rosetta("train", "L_layer_model", "--cat-train", "cats/train_catvnoncat.h5", "--cat-test",
                "cats/test_catvnoncat.h5", "--save", "model.npz", "--out", "docs/app/cat", cwd=folder)
        for name, picture in (("chelsea.jpg", data.chelsea()), ("coffee.jpg", data.coffee()),
                              ("astronaut.png", data.astronaut())):
            Image.fromarray(picture).save(folder / name)
        return fenced(rosetta("predict", "model.npz", "chelsea.jpg", "coffee.jpg", "astronaut.png", "--figure",
                              "docs/app/predictions.png", cwd=folder))


# ------------------------------------------------------------------------------------------------- rosetta check

VERDICTS = ("PASS", "FAIL", "ERROR", "WARN", "FOLLOWS")
EXAMPLE = "examples/Building_your_Deep_Neural_Network_Step_by_Step.ipynb"
# the PASS lines docs/check.md shows of the example: (function, quantity)
EXAMPLE_PASSES = (("initialize_parameters", "W1 (3, 4, 1)"), ("initialize_parameters_deep", "published W1"),
                  ("update_parameters", "arguments"))


def _is_verdict(line: str) -> bool:
    return line.split(" ", 1)[0] in VERDICTS


@shown()
def check_example() -> str:
    """docs/check.md: ``rosetta check`` on the example notebook, elided: the header, every line but a PASS, the PASS
    lines of EXAMPLE_PASSES, the totals."""
    lines = rosetta("check", EXAMPLE).rstrip("\n").split("\n")
    first = next(i for i, line in enumerate(lines) if _is_verdict(line))
    passes = {next(i for i, line in enumerate(lines) if re.match(rf"PASS +{function} +{re.escape(quantity)}  ", line))
              for function, quantity in EXAMPLE_PASSES}

    def keep(i: int, line: str) -> bool:
        return i < first or i == len(lines) - 1 or not line.startswith("PASS") or i in passes

    return fenced("\n".join([f"$ .venv/bin/rosetta check {EXAMPLE}", *elided(lines, keep)]))


@shown(checked_by="tests/test_check_notebook.py::test_the_readme_shows_this_output")
def check_magic() -> str:
    """docs/check.md: ``%rosetta_check L_model_backward`` in a notebook that nbclient runs in a fresh kernel, the
    cells of tests/test_check_notebook.py (the classic wrong L_model_backward)."""
    import textwrap

    import nbclient
    import nbformat

    from tests.test_check_notebook import HELPERS, LINEAR, WRONG

    magic = "%rosetta_check L_model_backward"
    cells = [nbformat.v4.new_code_cell(textwrap.dedent(c).strip()) for c in (HELPERS, LINEAR, WRONG, magic)]
    notebook = nbformat.v4.new_notebook(cells=cells)
    nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3",
                            extra_arguments=["--IPKernelApp.log_level=ERROR"]).execute()
    text = "\n".join(o.get("data", {}).get("text/plain", "") if o.get("output_type") != "stream" else o["text"]
                     for o in notebook.cells[3].outputs)
    return fenced(f"In [4]: {magic}\n" + text.rstrip("\n"))


CLASS = Path("/tmp/class")  # the page's folder: the table's widths follow its name
CLASS_SECTIONS = ("aiko_W2A2_Logistic_Regression.ipynb", "hana_week4.py")  # the files whose lines the page shows
CLASS_ROWS = ("aiko_W2A2_Logistic_Regression.ipynb", "alice_week2.ipynb", "chen_W2A2_Logistic_Regression.ipynb",
              "hana_week4.py", "oscar_week4.ipynb", "zoe_Logistic_Regression_v5.ipynb")


@shown(checked_by="tests/test_check_corpus.py::test_a_class_folder_summary_csv_and_json", timings=True)
def check_class() -> str:
    """docs/check.md: the page's two commands, a class of 30 written to /tmp/class and checked (about 16 s),
    elided: the first line, the lines of CLASS_SECTIONS, the table's head and the rows of CLASS_ROWS, the totals."""
    from tests import corpus

    written = set(corpus.write_class(CLASS))
    if others := sorted(str(p) for p in CLASS.iterdir() if p not in written):
        raise RuntimeError(f"{CLASS} holds more than the class: {', '.join(others)}; move them away")
    lines = rosetta("check", str(CLASS), "--timeout", "3", "--csv", "/tmp/class.csv").rstrip("\n").split("\n")
    sections = {f"{CLASS}/{name}" for name in CLASS_SECTIONS}
    rows = tuple(f"{CLASS}/{name} " for name in CLASS_ROWS)
    owner = ""  # the file whose verdict lines these are

    def keep(i: int, line: str) -> bool:
        nonlocal owner
        if line.startswith(f"{CLASS}/") and " " not in line:
            owner = line
        elif not line.startswith("  "):
            owner = ""
        return (i in (0, len(lines) - 1) or owner in sections or line.startswith(("file ", "---"))
                or line.startswith(rows))

    commands = [f"$ .venv/bin/python -m tests.corpus {CLASS}",
                f"$ .venv/bin/rosetta check {CLASS} --timeout 3 --csv /tmp/class.csv"]
    return fenced("\n".join(commands + elided(lines, keep)))


NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


@shown()
def gradescope_excerpt(test: str = "propagate") -> str:
    """docs/check.md: ``--gradescope results.json`` for the class's chen, with the week-2 points file: the score, one
    test with its first line of output, and the report's first line."""
    from tests import corpus

    with tempfile.TemporaryDirectory() as tmp:
        [notebook] = [p for p in corpus.write_class(tmp) if p.name.startswith("chen_")]
        rosetta("check", str(notebook), "--points", "examples/week2_points.toml", "--gradescope", f"{tmp}/results.json")
        document = json.loads(Path(tmp, "results.json").read_text())
    names = [t["name"] for t in document["tests"]]
    one = document["tests"][names.index(test)]
    output = one["output"].split("\n")[0] + ("\n..." if "\n" in one["output"] else "")
    before, after = ("..., " if names.index(test) > 0 else ""), (", ..." if names[-1] != test else "")
    return fenced("\n".join([
        f"$ .venv/bin/rosetta check {CLASS}/{notebook.name} --points examples/week2_points.toml \\",
        "    --gradescope results.json",
        f"$ cat results.json     # (one test of {NUMBERS.get(len(names), len(names))} shown)",
        f'{{"score": {json.dumps(document["score"])}, "tests": [{before}{{"name": {json.dumps(test)}, '
        f'"score": {json.dumps(one["score"])}, "max_score": {json.dumps(one["max_score"])},',
        f'  "output": {json.dumps(output)}}}{after}],',
        f' "output": {json.dumps(document["output"])}}}']))


@shown()
def hostile_table(*cases: str) -> str:
    """README (``cases``: a few rows) and docs/check.md (every row): the hostile suite's table, as
    ``python -m benchmarks.check_confinement`` wrote it to benchmarks/check_confinement.json (that a run gives the
    same table: tests/test_check_hostile.py::test_the_readme_table_is_what_these_runs_give)."""
    lines = json.loads((ROOT / "benchmarks" / "check_confinement.json").read_text())["table"].rstrip("\n").split("\n")
    if not cases:
        return "\n".join(lines) + "\n"
    rows = {line.split("`")[1]: line for line in lines[2:]}
    if missing := [case for case in cases if case not in rows]:
        raise ValueError(f"no hostile case {', '.join(missing)} in benchmarks/check_confinement.json")
    return "\n".join(lines[:2] + [line for case, line in rows.items() if case in cases]) + "\n"


# ------------------------------------------------------------------------------------------- figures from a JSON


@shown()
def speed_table() -> str:
    """README and docs/speed.md: each backend's best mode and the peak its floor comes from, from
    benchmarks/results.json (``python -m benchmarks.bench`` prints the same)."""
    from benchmarks import bench

    document = json.loads((ROOT / "benchmarks" / "results.json").read_text())
    return bench.best_modes_table(document["results"]) + "\n" + bench.format_peak(document["peak"]).replace(
        "machine peak", "The floor is a step's necessary matrix products at the machine's peak", 1) + ".\n"


@shown()
def ensemble_fpr_table() -> str:
    """docs/proof.md: false positives of the ensemble rule per run and dtype, from benchmarks/ensemble_fpr.json."""
    from reference.proof.compare import MODEL_DEFAULTS

    names = {"logistic_regression": "logistic regression", "shallow_nn": "shallow network", "deep_nn": "deep network"}
    results = json.loads((ROOT / "benchmarks" / "ensemble_fpr.json").read_text())["results"]
    dtypes = list(dict.fromkeys(r["dtype"] for r in results))
    lines = ["| run | " + " | ".join(dtypes) + " |", "|---|" + "---|" * len(dtypes)]
    for model in dict.fromkeys(r["model"] for r in results):
        cells = [f"{r['false_positives']} of {r['judgements']} ({r['rate']:.2%})" for d in dtypes for r in results
                 if (r["model"], r["dtype"]) == (model, d)]
        lines.append(f"| {names[model]}, {MODEL_DEFAULTS[model]['num_iterations']} iterations | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


@shown()
def ensemble_fpr_sentence() -> str:
    """docs/proof.md: the false positives in all, and the largest fraction a member used, from ensemble_fpr.json."""
    results = json.loads((ROOT / "benchmarks" / "ensemble_fpr.json").read_text())["results"]
    false, judged = sum(r["false_positives"] for r in results), sum(r["judgements"] for r in results)
    worst = max(results, key=lambda r: r["worst_fraction_of_envelope"])
    members = results[0]["members"]
    return (f"{false} in {judged} judgements, {false / judged:.2%}, each of {members} members judged against the "
            f"other {members - 1}; the largest fraction of the envelope a member used was "
            f"{worst['worst_fraction_of_envelope']:.2f} ({worst['model']}, {worst['dtype']}).\n")


@shown()
def ensemble_backends_sentence() -> str:
    """docs/proof.md: every backend and mode judged over the course's full runs, from ensemble_backends.json."""
    data = json.loads((ROOT / "benchmarks" / "ensemble_backends.json").read_text())
    results, summary = data["results"], data["summary"]
    worst = max(results, key=lambda r: r["fraction_of_envelope"])
    judged = [r for r in results if r["final_state_judged"]]
    return (f"{summary['consistent']} of {summary['runs']} judgements consistent, at most "
            f"{summary['largest_fraction_of_envelope']:.2f} of the envelope ({worst['model']}, {worst['dtype']}); the "
            f"final state was judged in {len(judged)} of them (calm runs) and matched in "
            f"{sum(r['final_state_ok'] for r in judged)}; {summary['seconds'] / 60:.0f} minutes.\n")


@shown()
def ensemble_rewrites_table() -> str:
    """docs/proof.md: NumPy rewritten in its rounding, as the ensemble's reference, per way of perturbing the
    members, from benchmarks/ensemble_rewrites.json."""
    data = json.loads((ROOT / "benchmarks" / "ensemble_rewrites.json").read_text())
    ways = {"before": "the start moved (as before)", "moved": "X, the start and the learning rate moved",
            "now": "X, the start and the learning rate moved"}
    lines = ["| run | members | correct runs outside | members outside | float16 learning rate caught |",
             "|---|---|---|---|---|"]
    for r in data["summary"]:
        lines.append(f"| {r['run']} | {r['members']}, {ways[r['way']]} | {r['correct_outside']} of "
                     f"{r['correct_judged']} (at most "
                     f"{r['correct_worst']:.2f}) | {r['members_outside']} of {r['members_judged']} | "
                     f"{r['slow_bug_caught']} of {r['ensembles']} (at {r['slow_bug_least']:.3g} or more) |")
    return "\n".join(lines) + "\n"


@shown()
def learner_files_tables() -> str:
    """docs/learner-files.md: the survey's tables, ``python -m benchmarks.learner_files --markdown``, between the
    comments tests/test_learner_files.py finds them by."""
    from benchmarks import learner_files

    entries = json.loads(learner_files.SURVEY.read_text())
    return "<!-- learner_files --markdown -->\n" + learner_files.survey_markdown(entries) + "<!-- end -->\n"



def _course2() -> dict:
    return json.loads((ROOT / "benchmarks" / "course2.json").read_text())


@shown()
def course2_runs_table() -> str:
    """docs/course2.md: the three assignments' runs on every backend beside the notebooks' published figures, from
    benchmarks/course2.json (``python -m benchmarks.course2``)."""
    from benchmarks.course2 import PUBLISHED

    document = _course2()
    backends = document["backends"]
    lines = ["| assignment | run | " + " | ".join(backends) + " | the notebook |",
             "|---|---|" + "---|" * (len(backends) + 1)]
    names = {"init_model": "initialization (the course's circles)",
             "reg_model": f"regularization ({'the course' if document['football'] == 'data.mat' else 'stand-in'} data)"}
    for (model, run) in dict.fromkeys((r["model"], r["run"]) for r in document["runs"]):
        cells = []
        for backend in backends:
            r = next(r for r in document["runs"] if (r["model"], r["run"], r["backend"]) == (model, run, backend))
            cells.append(f"{r['final_cost']:.6f}, {r['train']:.4f} / {r['test']:.4f}")
        published = PUBLISHED.get((model, run))
        shown_published = f"{published['train']:.4f} / {published['test']:.4f}" if published else ""
        if model == "reg_model" and document["football"] != "data.mat":
            shown_published += " (its own data)"
        lines.append(f"| {names[model]} | {run} | " + " | ".join(cells) + f" | {shown_published} |")
    return "\n".join(lines) + "\n"


@shown()
def course2_configs_table() -> str:
    """docs/course2.md: each framework's L2 and dropout configured the course's way and the naive ways, after the
    regularization assignment's 30000 iterations, from benchmarks/course2.json."""
    document = _course2()
    lines = ["| | framework | configuration | final cost | train / test accuracy (difference) | "
             "largest cost difference from the course's | the course's run? |", "|---|---|---|---|---|---|---|"]
    for kind in ("L2", "dropout"):
        course = next(r for r in document["configs"] if r["backend"] == "numpy" and r["kind"] == kind)
        what = "L2, lambd 0.7" if kind == "L2" else "dropout, keep_prob 0.86"
        lines.append(f"| {what} | NumPy | the course's equations | {course['final_cost']:.6f} | "
                     f"{course['train']:.4f} / {course['test']:.4f} | | |")
        for r in document["configs"]:
            if r["kind"] != kind or r["backend"] == "numpy":
                continue
            way = r["way"] if not r.get("configuration") else f"{r['way']}: `{r['configuration']}`"
            lines.append(f"| | {r['backend']} | {way} | {r['final_cost']:.6f} | {r['train']:.4f} / {r['test']:.4f} "
                         f"({r['train_difference']:+.4f} / {r['test_difference']:+.4f}) | "
                         f"{r['max_cost_difference']:.2e} | {'yes' if r['inside_ensemble'] else 'no'} |")
    return "\n".join(lines) + "\n"


@shown()
def course2_gradient_checks_table() -> str:
    """docs/course2.md: gradient_check_n and each framework's own checker in every backend, from
    benchmarks/course2.json."""
    from impl_numpy.gradient_check import THRESHOLD  # the notebook's 2e-7

    rows = _course2()["gradient_checks"]
    backends = list(dict.fromkeys(r["backend"] for r in rows))
    lines = ["| backward | " + " | ".join(f"{b}: difference" for b in backends) + " | the frameworks' checkers |",
             "|---|" + "---|" * (len(backends) + 1)]
    for check in dict.fromkeys(r["check"] for r in rows):
        mine = [next(r for r in rows if (r["backend"], r["check"]) == (b, check)) for b in backends]
        verdicts = {r["framework_check"] for r in mine}
        said = "" if verdicts == {None} else ("all pass" if verdicts == {True} else
                                              "all fail" if verdicts == {False} else "disagree")
        differences = [f"{r['difference']:.3e} ({'a mistake' if r['difference'] > THRESHOLD else 'passes'})"
                       for r in mine]
        lines.append(f"| {check} | " + " | ".join(differences) + f" | {said} |")
    return "\n".join(lines) + "\n"


@shown()
def course2_week2_table() -> str:
    """docs/course2.md: the optimization notebook's runs on every backend's course equations beside its printed
    costs, from benchmarks/course2.json (``python -m benchmarks.course2 --parts week2_runs``)."""
    from benchmarks.course2 import WEEK2_PUBLISHED

    rows = _course2()["week2_runs"]
    backends = list(dict.fromkeys(r["backend"] for r in rows))
    lines = ["| run | epoch | " + " | ".join(backends) + " | the notebook |",
             "|---|---|" + "---|" * (len(backends) + 1)]
    for run in dict.fromkeys(r["run"] for r in rows):
        mine = {r["backend"]: r for r in rows if r["run"] == run}
        published = WEEK2_PUBLISHED[run]
        for epoch, cost in published["costs"].items():
            lines.append(f"| {run} | cost at {epoch} | " + " | ".join(f"{mine[b]['costs'][str(epoch)]:.6f}"
                                                                      for b in backends) + f" | {cost:.6f} |")
        said = "" if published["train"] is None else f"{published['train']:.4f}"
        lines.append(f"| {run} | train accuracy | " + " | ".join(f"{mine[b]['train']:.4f}" for b in backends)
                     + f" | {said} |")
    return "\n".join(lines) + "\n"


@shown()
def course2_week2_configs_table() -> str:
    """docs/course2.md: each framework's own optimizer as course_optimizer configures it against NumPy's course
    equations, from benchmarks/course2.json (``python -m benchmarks.course2 --parts week2_configs``)."""
    rows = json.loads((ROOT / "benchmarks" / "course2.json").read_text())["week2_configs"]
    backends = list(dict.fromkeys(r["backend"] for r in rows))
    lines = ["| run | dtype | " + " | ".join(backends) + " |", "|---|---|" + "---|" * len(backends)]
    for run, dtype in dict.fromkeys((r["run"], r["dtype"]) for r in rows):
        cells = []
        for backend in backends:
            r = next(r for r in rows if (r["backend"], r["run"], r["dtype"]) == (backend, run, dtype))
            verdict = ("equal" if r["within_table"] and r["consistent"] else "within the table only"
                       if r["within_table"] else "OUT")
            cells.append(f"{r['cost_rel']:.1e} / {r['params_rel']:.1e}, {verdict}")
        lines.append(f"| {run} | {dtype} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


@shown()
def optimizer_defaults_table() -> str:
    """docs/course2.md: each framework's optimizer as a learner writes it (own_optimizers.DEFAULTS) and the course's
    configuration, and its decay as a learner writes it (own_optimizers.SCHEDULES, on the notebook's decayed gd run;
    their first update differing is the first whose learning rate differs) and the course's, against NumPy's course
    run, from benchmarks/optimizer_defaults.json (``rosetta optimizers --out benchmarks/optimizer_defaults.json``)."""
    document = json.loads((ROOT / "benchmarks" / "optimizer_defaults.json").read_text())
    decayed = document.get("decayed", {})  # the schedule rows' run: its name, learning rate and decay
    lines = ["| framework | course's optimizer | configuration | epochs | final cost (difference) | "
             "train accuracy (difference) | first update differing |", "|---|---|---|---|---|---|---|"]
    for epochs, runs in document["course"].items():  # NumPy's course runs: every row's differences are from them
        for optimizer, r in runs.items():
            config = "the course's equations"
            if optimizer == decayed.get("name"):
                config += (f", alpha {decayed['learning_rate']:g} decayed by schedule_lr_decay (decay_rate "
                           f"{decayed['decay_rate']:g}, time_interval {decayed['time_interval']})")
            lines.append(f"| numpy | {optimizer} | {config} | {epochs} | {r['final_cost']:.6f} | {r['train']:.4f} | |")
    for r in document["rows"]:
        config = "the course's (course_optimizer)" if r["config"] == "course" else f"`{r['config']}`"
        if "schedule" in r:  # the decayed run: the course's optimizer, the course's decay or a learner's schedule
            config = "the course's decay, after each epoch" if r["schedule"] == "course" else f"`{r['schedule']}`"
        first = r["first_update_differing"] or f"none in {r.get('updates_compared', document['steps_compared'])}"
        optimizer = decayed["name"] if "schedule" in r else r["optimizer"]
        lines.append(f"| {r['backend']} | {optimizer} | {config} | {r['epochs']} | {r['final_cost']:.6f} "
                     f"({r['cost_difference']:+.1e}) | {r['train']:.4f} ({r['train_difference']:+.4f}) | {first} |")
    return "\n".join(lines) + "\n"


@shown()
def optimizer_speed_table() -> str:
    """docs/course2.md: steps per second of each optimizer in each framework and mode, beside the machine's peak, from
    benchmarks/optimizer_speed.json (``python -m benchmarks.optimizer_speed`` prints the same)."""
    from benchmarks import optimizer_speed

    document = json.loads((ROOT / "benchmarks" / "optimizer_speed.json").read_text())
    return optimizer_speed.summary(document) + "\n" + optimizer_speed.format_table(document["rows"])
