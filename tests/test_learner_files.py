"""The survey of real learners' files (benchmarks/learner_files.json, docs/learner-files.md) and its scorer.

The learners' files themselves are not shipped, so the scorer's run on them is not repeated here; what is checked:
the page still shows the survey's own tables, the survey has what the issue asks of it (files and repositories
enough, none of the held-out repositories, every mistake with its cause and the words that name it), and the
scorer counts caught, named, false and verdictless as it says, on reports made here.
"""

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import learner_files  # noqa: E402
from reference.check import FileReport, Outcome  # noqa: E402

ENTRIES = json.loads(learner_files.SURVEY.read_text())
HELD_OUT = {"AlbertHG/Coursera-Deep-Learning-deeplearning.ai", "DeepakSridhar/Deep-Learning-Coursera",
            "Kulbear/deep-learning-coursera", "Overlrd/numpy_logistic_regression_classifier",
            "Y1ran/Introduction-to-Machine-Learning-with-Python-code", "amanchadha/coursera-deep-learning-specialization",
            "nobodypengium/PythonLearning", "sheviv/mirrors", "Leo-778/Shallow_Neural_Networks", "sourabh-burnwal/ML",
            "luca-92/Building-your-Deep-Neural-Network-Step-by-Step", "plgregori/deep-neural-network",
            "dtruong46me/deep-learning-specialization", "Im-PyPhy/Logistic_Regression_Scratch",
            "Silva-6/deeplearning.AI-deep_learning", "PragadeshVasudevan/Deep-Learning-and-Neural-Network",
            "epintilii/deep-learning-coursera", "KingSolstice/DL-Coursera", "X-21/DeepLearning.ai-Assignments",
            "weisurya/Planar-Data-Classification-with-1-Hidden-Layer", "fanghao6666/neural-networks-and-deep-learning",
            "WxxShirley/DeepLearning-AndrewNg", "colynhn/deep-learning-coursera-homework", "cxmhfut/DeepLearning.ai",
            "DedRec/Deep-Neural-Network---Application", "AkashaBAig/Building_a_Deep_Neural_Network_Step_by_Step"}


def test_the_page_shows_the_surveys_tables():
    page = (REPO / "docs" / "learner-files.md").read_text()
    shown = re.search(r"<!-- learner_files --markdown -->\n(.*?)<!-- end -->", page, re.DOTALL).group(1)
    assert shown == learner_files.survey_markdown(ENTRIES), "rerun: python -m benchmarks.learner_files --markdown"


def test_the_survey_has_what_the_issue_asks():
    assert len(ENTRIES) >= 50 and len({e["repo"] for e in ENTRIES}) >= 25
    assert {e["assignment"] for e in ENTRIES} == {"week2", "week3", "week4", "app"}
    assert not {e["repo"] for e in ENTRIES} & HELD_OUT
    assert len({e["file"] for e in ENTRIES}) == len(ENTRIES)
    for e in ENTRIES:
        for name, truth in e["functions"].items():
            if truth["truth"] == "mistake":
                assert truth.get("what") and truth.get("named_by") not in (None, "NEVER-MATCHES"), (e["file"], name)
                re.compile(truth["named_by"])


def test_the_scorer_counts_as_it_says():
    entries = [{"repo": "a/b", "file": "f1", "functions": {"propagate": {"truth": "mistake", "named_by": "factor of m"},
                                                          "sigmoid": {"truth": "correct"},
                                                          "predict": {"truth": "mistake", "named_by": "sigmoid"},
                                                          "model": {"truth": "mistake", "named_by": "x"}}},
               {"repo": "a/c", "file": "f2", "functions": {"sigmoid": {"truth": "correct"},
                                                          "optimize": {"truth": "alternative"}}},
               {"repo": "a/c", "file": "f3", "functions": {"sigmoid": {"truth": "correct"}}}]
    reports = [FileReport("f1", functions=["propagate", "sigmoid", "predict"], outcomes=[
                   Outcome("propagate", "db", "FAIL", "off by a factor of m"),
                   Outcome("sigmoid", "s", "PASS", ""),
                   Outcome("predict", "p", "ERROR", "raised KeyError")]),
               FileReport("f2", functions=["sigmoid", "optimize"], outcomes=[
                   Outcome("sigmoid", "s", "FAIL", "max |diff| 1"), Outcome("optimize", "w", "WARN", "")]),
               FileReport("f3", error="could not load the file")]
    t = learner_files.score(entries, reports)
    assert (t["mistakes"], t["caught"], t["named"]) == (3, 2, 1)  # model missed, predict caught unnamed
    assert (t["correct"], t["false"], t["no_verdict"]) == (4, 1, 1)  # f2's sigmoid; f3 could not be checked
    assert [r["verdict"] for r in t["rows"] if r["file"] == "f1"] == ["named", "right", "caught", "MISSED"]
