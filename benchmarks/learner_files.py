"""``rosetta check`` on real learners' files, scored against the survey's truth: ``python -m benchmarks.learner_files
SURVEY_DIR [--json OUT]``.

benchmarks/learner_files.json is the survey (docs/learner-files.md): for each file read from a public repository,
its repository, path and commit, the form it takes, and for each course function in it whether it is correct,
a mistake (what is wrong, found by running it on the course's own test cases against their published expected
outputs, and by reading it), or an alternative the course uses elsewhere; for each mistake, ``named_by``, a
regular expression of the words that name its cause. The learners' files are not ours to ship: SURVEY_DIR holds
them at ``files/<owner>__<repo>/<path>``, as the survey fetched them.

``--markdown`` prints the survey's own tables (no files needed): docs/learner-files.md shows them, and
tests/test_learner_files.py checks that it still does. Otherwise it prints, per file, the checker's verdict on
each function against the truth, then the totals the issue asks for: real mistakes caught (a FAIL or ERROR on the
function) and named (a FAIL or ERROR whose words match ``named_by``), correct functions given a FAIL or ERROR, and
files without a verdict (the file could not be checked, or none of its course functions was).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reference.check import check_files  # noqa: E402

SURVEY = Path(__file__).with_name("learner_files.json")
BAD = ("FAIL", "ERROR")

# The forms docs/learner-files.md counts, each a pattern over the survey's words for a file's forms
FORMS = {
    "`%run path/helper.py`": r"%run",
    "package-qualified imports (`from Week4.dnn_app_utils_v2 import *`)": r"package.qualified",
    "a from-import of names the module lacks": r"partial from.import",
    "the learner's own or modified module beside the file": r"(own|modified).{0,40}module beside|module beside",
    "helpers (sigmoid, relu, ...) defined in the file": r"helpers? (defined )?inline|inline helper",
    "fragments: one function, or one a file": r"fragment|one function per",
    "imports inside a function, or of sibling files": r"import inside|sibling",
    "asserts in the functions": r"assert",
    "near names (`layer_size`, `initialize`)": r"near name",
    "renamed arguments": r"renamed argument",
    "the Application with the step functions in it": r"step functions in the same file|step functions \(|with step",
    "an initialization scale the course uses elsewhere": r"alternative init",
    "the template left unfilled": r"unfilled|not implemented|template placeholder|= none",
    "a cell or file that does not parse": r"syntax error|does not parse|cannot be run as a plain|indentationerror",
    "globals of the notebook read by a function": r"global",
}


def form_counts(entries: list[dict]) -> dict[str, int]:
    """How many of the survey's files show each of FORMS."""
    def words(e: dict) -> str:
        return " ".join([*e["forms"], *(f.get("what", "") for f in e["functions"].values())])

    return {name: sum(bool(re.search(pattern, words(e), re.IGNORECASE)) for e in entries)
            for name, pattern in FORMS.items()}


def survey_markdown(entries: list[dict]) -> str:
    """The survey's tables for docs/learner-files.md: files by assignment and format, the forms, the sources."""
    assignments = {"week2": "week 2, logistic regression", "week3": "week 3, one hidden layer",
                   "week4": "week 4, step by step", "app": "week 4, the application"}
    lines = ["| assignment | files | repositories | notebooks | nbconvert scripts | other scripts | mistakes |",
             "|---|---|---|---|---|---|---|"]
    for key, title in assignments.items():
        mine = [e for e in entries if e["assignment"] == key]
        kinds = [e["format"] for e in mine]
        mistakes = sum(f["truth"] == "mistake" for e in mine for f in e["functions"].values())
        lines.append(f"| {title} | {len(mine)} | {len({e['repo'] for e in mine})} | "
                     f"{sum(k.startswith('ipynb') for k in kinds)} | {sum(k == 'py nbconvert' for k in kinds)} | "
                     f"{sum(k == 'py plain' for k in kinds)} | {mistakes} |")
    mistakes = sum(f["truth"] == "mistake" for e in entries for f in e["functions"].values())
    lines.append(f"| all | {len(entries)} | {len({e['repo'] for e in entries})} | "
                 f"{sum(e['format'].startswith('ipynb') for e in entries)} | "
                 f"{sum(e['format'] == 'py nbconvert' for e in entries)} | "
                 f"{sum(e['format'] == 'py plain' for e in entries)} | {mistakes} |")
    lines += ["", "| form | files |", "|---|---|"]
    lines += [f"| {name} | {count} |" for name, count in form_counts(entries).items()]
    lines += ["", "Sources (repository: path, commit):", ""] + [f"- {line}" for line in sources(entries)]
    return "\n".join(lines) + "\n"


def sources(entries: list[dict]) -> list[str]:
    """The survey's files as docs/learner-files.md lists them: ``owner/name: path (commit)``."""
    return [f"{e['repo']}: {e['path']}" + (f" ({e['commit'][:10]})" if e.get("commit") else "") for e in entries]


def score(entries: list[dict], reports: list) -> dict:
    totals = {"files": len(entries), "repositories": len({e["repo"] for e in entries}), "mistakes": 0, "caught": 0,
              "named": 0, "correct": 0, "false": 0, "no_verdict": 0, "rows": []}
    for entry, report in zip(entries, reports, strict=True):
        # the survey names functions as the course does; the learner's own name when checked as it (layer_size)
        alias = {course: mine for mine, course in
                 re.findall(r"^(\w+)(?:\(.*?\))? checked as the course's (\w+)", "\n".join(report.notes), re.M)}
        checked = set(report.functions) | set(alias)
        verdictless = bool(report.error) or (bool(entry["functions"]) and not checked)
        totals["no_verdict"] += verdictless
        if verdictless:
            totals["rows"].append({"file": entry["file"], "function": "-", "truth": "-", "checker": "no verdict",
                                   "words": report.error or "none of its functions checked", "verdict": "NO VERDICT"})
        for name, truth in entry["functions"].items():
            mine = [o for o in report.outcomes if o.function == alias.get(name, name)]
            bad = [o for o in mine if o.status in BAD]
            statuses = sorted({o.status for o in mine}) or ["not checked"]
            row = {"file": entry["file"], "function": name, "truth": truth["truth"], "checker": "/".join(statuses),
                   "words": "; ".join(o.detail for o in bad)}
            if truth["truth"] not in ("mistake", "correct", "alternative"):
                continue  # the survey did not judge it (a helper the assignment does not grade)
            if truth["truth"] == "mistake":
                totals["mistakes"] += 1
                caught = bool(bad)
                named = caught and bool(re.search(truth["named_by"], row["words"], re.IGNORECASE))
                totals["caught"] += caught
                totals["named"] += named
                row["verdict"] = "named" if named else "caught" if caught else "MISSED"
            else:
                totals["correct"] += 1
                totals["false"] += bool(bad)
                row["verdict"] = "FALSE " + "/".join(o.status for o in bad) if bad else "right"
            totals["rows"].append(row)
    return totals


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("survey_dir", type=Path, nargs="?", help="the folder holding files/<owner>__<repo>/<path>")
    parser.add_argument("--json", type=Path, help="write the rows and totals here")
    parser.add_argument("--markdown", action="store_true",
                        help="print the survey's tables for docs/learner-files.md (needs no files) and stop")
    args = parser.parse_args(argv)
    entries = json.loads(SURVEY.read_text())
    if args.markdown:
        print(survey_markdown(entries), end="")
        return 0
    if args.survey_dir is None:
        parser.error("survey_dir: expected the folder of the survey's files (or --markdown)")
    present = [e for e in entries if (args.survey_dir / e["file"]).is_file()]
    if not present:
        parser.error(f"survey_dir: expected the survey's files under {args.survey_dir}/files/, found none")
    start = time.perf_counter()
    reports = check_files([args.survey_dir / e["file"] for e in present])
    totals = score(present, reports)
    for row in totals["rows"]:
        print(f"{row['verdict']:<12} {row['truth']:<11} {row['checker']:<18} {row['function']:<28} {row['file']}")
        if row["verdict"] not in ("right", "named"):
            print(f"{'':12} {row['words']}")
    t = totals
    print(f"\n{t['files']} files from {t['repositories']} repositories ({len(entries) - len(present)} of the survey "
          f"absent), {time.perf_counter() - start:.0f} s")
    print(f"real mistakes: {t['mistakes']}; caught {t['caught']} ({t['caught'] / max(t['mistakes'], 1):.0%}), "
          f"cause named {t['named']} ({t['named'] / max(t['mistakes'], 1):.0%})")
    print(f"correct functions: {t['correct']}; given a FAIL or ERROR: {t['false']}")
    print(f"files without a verdict: {t['no_verdict']}")
    if args.json:
        args.json.write_text(json.dumps(totals, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
