"""`rosetta check`'s points, gradebook and Gradescope results (reference/check/points.py, report.py).

The expected numbers are counted by hand: the first tests build FileReport and Outcome objects directly (no
learner's code runs), so each function's rows, and so its points, are the ones written in the test. The last
tests run `rosetta check` end to end on a correct week 2 submission and on one with a planted mistake
(tests/corpus.py): the wrong function must score below its max, the correct ones their max.
"""

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest

from reference import cli
from reference.check import command, points, report
from reference.check.judge import ERROR, FAIL, FOLLOWS, PASS, SKIP, WARN, Outcome
from reference.check.points import grade, read_points
from reference.check.sandbox import FileReport
from reference.cli import main
from tests.corpus import MISTAKES, SUBMISSIONS, planted, write_py

POINTS = {"sigmoid": 1.0, "propagate": 3.0, "optimize": 2.0, "predict": 2.0, "model": 1.0,
          "initialize_with_zeros": 1.0}


def rows(function, *statuses, quantity="q"):
    return [Outcome(function, f"{quantity}{i}", status, "") for i, status in enumerate(statuses)]


def a_week2_report() -> FileReport:
    """Rows chosen so that every rule shows: hand-counted marks in the comments."""
    outcomes = [
        *rows("sigmoid", PASS, PASS),                          # 2 of 2: 1
        *rows("propagate", PASS, FAIL, PASS, WARN, FAIL, PASS),  # WARN passes: 4 of 6
        *rows("optimize", FOLLOWS),                             # wrong through propagate only: full marks
        *rows("predict", PASS, ERROR, SKIP),                    # an unreadable result is 0, SKIP not counted: 1 of 2
        Outcome("model", "call", ERROR, "ZeroDivisionError"),  # it raised: 0 whatever passed before
        *rows("model", PASS, PASS, SKIP),
    ]
    return FileReport("alice.py", kind="py", week="week2", isolation="confined (bubblewrap)",
                      functions=["sigmoid", "propagate", "optimize", "predict", "model"], outcomes=outcomes)


def scores(g):
    return {m.function: round(m.score, 4) for m in g.marks}


def test_each_function_scores_the_fraction_of_its_quantities_that_pass():
    g = grade(a_week2_report())  # no --points: 1 point for each function checked
    assert scores(g) == {"sigmoid": 1, "propagate": round(4 / 6, 4), "optimize": 1, "predict": 0.5, "model": 0}
    assert g.max_score == 5 and str(g) == "3.17/5"
    model = g.marks[-1]
    assert model.passed == 2 and model.counted == 3 and "raised" in model.why


def test_a_points_file_sets_the_columns_and_their_worth():
    g = grade(a_week2_report(), POINTS)
    assert [m.function for m in g.marks] == list(POINTS)
    assert scores(g) == {"sigmoid": 1, "propagate": 2, "optimize": 2, "predict": 1, "model": 0,
                         "initialize_with_zeros": 0}
    assert g.marks[-1].why == "not found in the file" and str(g) == "6/10"


def test_a_file_that_could_not_be_loaded_scores_zero_on_every_listed_function():
    broken = FileReport("bob.ipynb", error="expected a Jupyter notebook")
    g = grade(broken, POINTS)
    assert g.score == 0 and g.max_score == 10 and all(m.why.startswith("not checked") for m in g.marks)
    assert str(grade(broken)) == "0/0"  # with no --points nothing is expected of it


def test_a_near_name_is_graded_as_the_course_function_and_a_longer_name_is_not():
    near = FileReport("c.py", week="week3", functions=["layer_size"], outcomes=rows("layer_size", PASS, FAIL))
    assert scores(grade(near, {"layer_sizes": 2.0})) == {"layer_sizes": 1}
    other = FileReport("d.py", week="week4", functions=["initialize_parameters"],
                       outcomes=rows("initialize_parameters", PASS))
    assert scores(grade(other, {"initialize_parameters_deep": 1.0})) == {"initialize_parameters_deep": 0}


def test_the_table_csv_and_json_carry_the_points(tmp_path):
    reports = [a_week2_report(), FileReport("bob.py", week="week2", functions=["sigmoid"],
                                            outcomes=rows("sigmoid", PASS, FAIL))]
    lines = report.table(reports).splitlines()
    assert lines[0].split()[-2:] == ["points", "seconds"]
    assert lines[2].split()[-2] == "3.17/5" and lines[3].split()[-2] == "0.5/1"
    report.write_csv(reports, tmp_path / "class.csv")
    alice, bob = csv.DictReader(open(tmp_path / "class.csv"))
    assert {"file", "passed", "failed", "seconds", "points", "sigmoid", "propagate", "model"} <= set(alice)
    assert (alice["propagate"], alice["predict"], bob["sigmoid"], bob["propagate"]) == ("0.67", "0.5", "0.5", "")
    report.write_json(reports, tmp_path / "class.json", POINTS)
    document = json.loads((tmp_path / "class.json").read_text())
    assert document[0]["points"] == "6/10" and document[0]["function_points"]["propagate"] == {"score": 2,
                                                                                                 "max_score": 3}


def test_the_gradescope_results_of_one_submission():
    results = report.gradescope(a_week2_report(), POINTS)
    assert results["score"] == 6 and results["output"] == "isolation: confined (bubblewrap)"
    tests = {t["name"]: t for t in results["tests"]}
    assert list(tests) == list(POINTS) and all(set(t) == {"name", "score", "max_score", "output"}
                                               for t in tests.values())
    assert tests["sigmoid"]["output"] == "all 2 quantities pass"
    assert [line.split()[0] for line in tests["propagate"]["output"].splitlines()] == [FAIL, WARN, FAIL]
    assert tests["model"]["output"].startswith("raised") and tests["initialize_with_zeros"]["score"] == 0


@pytest.mark.parametrize("text, words", [
    ("[points]\nsigmod = 1\n", "points.sigmod: expected the name of a course function (did you mean sigmoid?), "
                               "got 'sigmod'"),
    ("[points]\npropagate = -3\n", "points.propagate: expected a number of points >= 0, got -3"),
    ("[points]\npropagate = \"three\"\n", "points.propagate: expected a number of points >= 0, got 'three'"),
    ("[points]\npropagate = true\n", "got True"),
    ("[point]\npropagate = 3\n", "points: expected a [points] table"),
    ("[points\n", "expected TOML, got a syntax error"),
], ids=["unknown-name", "negative", "string", "bool", "no-table", "not-toml"])
def test_a_bad_points_file_is_one_line_naming_the_file_and_the_key(text, words, tmp_path, capsys):
    (tmp_path / "points.toml").write_text(text)
    with pytest.raises(ValueError, match="points.toml: "):
        read_points(tmp_path / "points.toml")
    (tmp_path / "alice.py").write_text("def sigmoid(z):\n    return z\n")
    assert main(["check", str(tmp_path / "alice.py"), "--points", str(tmp_path / "points.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and str(tmp_path / "points.toml") in err, err


def test_gradescope_takes_one_submission(tmp_path, capsys):
    for name in ("alice.py", "bob.py"):
        (tmp_path / name).write_text("def sigmoid(z):\n    return z\n")
    assert main(["check", str(tmp_path), "--gradescope", str(tmp_path / "results.json")]) == 2
    assert "--gradescope: expected one submission" in capsys.readouterr().err
    assert not (tmp_path / "results.json").exists()


# ---------------------------------------------------------------- the verdict over a batch

# Three files of three functions of three quantities each, every one PASS but one FAIL: in the first file's first
# function's first quantity, the second's second's second, or the last's last's last. Expected, by hand: the batch
# fails (exit 1); 26 passed and 1 failed in all; the failing file 2.67/3 (its function 2 of 3), the others 3/3.
FILES, FUNCTIONS, QUANTITIES = ("alice.py", "bob.py", "carol.py"), ("sigmoid", "propagate", "optimize"), 3
ONE_FAILS = {"first": 0, "middle": 1, "last": 2}


def batch_with_one_failing(where) -> list[FileReport]:
    k = ONE_FAILS[where]
    return [FileReport(path, kind="py", week="week2", isolation="confined (bubblewrap)", functions=list(FUNCTIONS),
                       outcomes=[Outcome(f, f"q{j}", FAIL if (i, n, j) == (k, k, k) else PASS, "")
                                 for n, f in enumerate(FUNCTIONS) for j in range(QUANTITIES)])
            for i, path in enumerate(FILES)]


def check_with_one_failing(where, modules=None):
    """``rosetta check`` over batch_with_one_failing(where), through cli.main, with the children's reports handed in
    (no learner's code runs) and ``modules`` ({"command": ..., "report": ..., "points": ...}) in place of the real
    reference/check ones: the exit status, the totals and each file's points must count the one failure."""
    modules = {"command": command, "report": report, "points": points, **(modules or {})}
    body = f"{modules['command'].__name__.removeprefix('reference.')}:command"
    stdout = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(stdout):
        patch.setattr(modules["command"], "collect", lambda paths: [Path(p) for p in paths])
        patch.setattr(modules["command"], "check_files", lambda paths, **options: batch_with_one_failing(where))
        patch.setattr(modules["command"], "report", modules["report"])
        patch.setattr(modules["report"], "grade", modules["points"].grade)
        patch.setattr(cli, "COMMANDS", {**cli.COMMANDS, "check": body})
        code = cli.main(["check", *FILES])
    out = stdout.getvalue()
    failing = FILES[ONE_FAILS[where]]
    table = {row[0]: row for row in map(str.split, out.splitlines()) if row[:1] and row[0] in FILES and len(row) > 1
             and row[1] == "week2"}
    assert {path: (row[6], row[9]) for path, row in table.items()} == {
        path: ("1", "2.67/3") if path == failing else ("0", "3/3") for path in FILES}, f"failed, points:\n{out}"
    assert "26 passed, 1 failed in 3 files" in out, f"the totals:\n{out}"
    assert code == 1, f"exit status {code} with {failing} failing"


@pytest.mark.parametrize("where", ONE_FAILS)
def test_one_failing_quantity_anywhere_fails_the_batch(where):
    check_with_one_failing(where)


# ---------------------------------------------------------------- end to end

WEEK2_POINTS = "[points]\nsigmoid = 1\ninitialize_with_zeros = 1\npropagate = 3\noptimize = 2\npredict = 1\n"


@pytest.fixture
def submissions(tmp_path):
    mistake = next(m for m in MISTAKES if m.id == "db_without_1_over_m")  # propagate's db without its 1/m
    (tmp_path / "points.toml").write_text(WEEK2_POINTS)
    return write_py(SUBMISSIONS["week2"], tmp_path / "right.py"), write_py(planted(mistake), tmp_path / "wrong.py")


def test_gradescope_results_of_a_right_and_a_wrong_submission(submissions, tmp_path, capsys):
    right, wrong = submissions
    found = {}
    for path in (right, wrong):
        out = tmp_path / f"{path.stem}.json"
        main(["check", str(path), "--points", str(tmp_path / "points.toml"), "--gradescope", str(out)])
        found[path.stem] = results = json.loads(out.read_text())
        assert set(results) == {"score", "tests", "output"} and results["output"].startswith("isolation: ")
        assert [t["name"] for t in results["tests"]] == ["sigmoid", "initialize_with_zeros", "propagate", "optimize",
                                                         "predict"]
        assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))
    capsys.readouterr()
    assert all(t["score"] == t["max_score"] for t in found["right"]["tests"]) and found["right"]["score"] == 8
    wrong_tests = {t["name"]: t for t in found["wrong"]["tests"]}
    assert 0 < wrong_tests["propagate"]["score"] < wrong_tests["propagate"]["max_score"] == 3
    assert "off by a factor of m" in wrong_tests["propagate"]["output"]
    assert wrong_tests["optimize"]["score"] == 2  # FOLLOWS: the mistake is propagate's, charged there only
    assert found["wrong"]["score"] < found["right"]["score"]


def test_a_class_gradebook(submissions, tmp_path, capsys):
    right, wrong = submissions
    main(["check", str(right), str(wrong), "--points", str(tmp_path / "points.toml"),
          "--csv", str(tmp_path / "class.csv")])
    out = capsys.readouterr().out.splitlines()
    table = [line.split() for line in out[out.index(next(line for line in out if line.startswith("file "))):]
             if line.startswith(str(tmp_path))]  # the table's rows, after the lines of what is wrong
    assert [row[-2] for row in table] == ["8/8", "7/8"]  # propagate: 4 of its 6 quantities pass, 3 * 4/6 = 2
    rows = {r["file"]: r for r in csv.DictReader(open(tmp_path / "class.csv"))}
    assert rows[str(right)]["propagate"] == "3" and rows[str(wrong)]["propagate"] == "2"
    assert "model" not in rows[str(right)]  # not listed in points.toml: not a column
