"""``rosetta check`` on real learners' files, scored against the survey's truth: ``python -m benchmarks.learner_files
SURVEY_DIR [--json OUT]``.

benchmarks/learner_files.json is the survey (docs/learner-files.md): for each file read from a public repository,
its repository, path and commit, the form it takes, and for each course function in it whether it is correct,
a mistake (what is wrong, found by running it on the course's own test cases against their published expected
outputs, and by reading it), or an alternative the course uses elsewhere; for each mistake, ``named_by``, a
regular expression of the words that name its cause. The learners' files are not ours to ship: SURVEY_DIR holds
them at ``files/<owner>__<repo>/<path>``, as the survey fetched them.

It prints, per file, the checker's verdict on each function against the truth, then the totals the issue asks
for: real mistakes caught (a FAIL or ERROR on the function) and named (a FAIL or ERROR whose words match
``named_by``), correct functions given a FAIL or ERROR, and files without a verdict (the file could not be
checked, or none of its course functions was; a driver script that defines none is judged by what the checker
says of it).
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
    parser.add_argument("survey_dir", type=Path, help="the folder holding files/<owner>__<repo>/<path>")
    parser.add_argument("--json", type=Path, help="write the rows and totals here")
    args = parser.parse_args(argv)
    entries = json.loads(SURVEY.read_text())
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
