"""`rosetta check` on the forms real learners' files take (docs/learner-files.md), each reproduced by
tests/corpus.py's FORMS on our own correct submissions: the course's helpers brought in other ways, fragments,
errors and what they hide, callers of a wrong function, the assignment told apart, near names.

Every file goes through the real sandbox, all in one batch. Expected verdicts come from the edit each form makes
(a correct submission stays correct; a planted slip fails on its function, with its words); expected values, as
everywhere in rosetta check, from the loop oracle.
"""

import pytest

from reference.check import check_files
from tests import corpus

PY_TOO = ("run_magic",)  # also as nbconvert writes it: get_ipython().run_line_magic('run', ...)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    paths = {form.id: corpus.write_form(form, folder) for form in corpus.FORMS.values()}
    paths |= {f"{name}.py": corpus.write_form(corpus.FORMS[name], folder / "py", ".py") for name in PY_TOO}
    return dict(zip(paths, check_files(list(paths.values())), strict=True))


def lines(report, function=None):
    return [f"{o.status} {o.function} {o.quantity} {o.detail}" for o in report.outcomes
            if function is None or o.function == function]


def bad(report):
    return [f"{o.status} {o.function} {o.quantity} {o.detail}" for o in report.outcomes if not o.ok]


def status(report, function):
    return {o.status for o in report.outcomes if o.function == function}


# ---------------------------------------------------------------- the course's helpers, brought in other ways

@pytest.mark.parametrize("name", ["run_magic", "run_magic.py", "package_qualified"])
def test_helpers_by_run_magic_or_a_package_path_are_the_course_stand_ins(reports, name):
    report = reports[name]
    assert len(report.functions) == 10 and not bad(report), bad(report)
    helper = "dnn_utils_v2" if name.startswith("run_magic") else "partIch4.dnn_utils"
    assert report.imports[helper] == "the course's (a stand-in)", report.imports
    if name == "package_qualified":
        assert {"partIch4.testCases_v4a", "week3.testCases"} <= set(report.imports)


def test_a_name_the_helper_lacks_is_said_and_the_rest_imported(reports):
    report = reports["partial_import"]
    assert not bad(report) and report.functions == ["propagate", "optimize"], bad(report)
    assert any("lr_utils has no normalize_dataset, sigmoid: imported the rest" in note for note in report.notes)
    assert report.supplied == ["sigmoid"]  # from the course's week 2, since the file's own lr_utils is not there


def test_the_learners_own_module_beside_the_file_is_used(reports):
    report = reports["own_module_beside"]
    assert not bad(report) and report.supplied == [], (bad(report), report.supplied)
    assert report.imports["lr_utils"].startswith("yours (") and report.imports["lr_utils"].endswith("lr_utils.py)")


def test_a_wrong_helper_of_the_learners_own_is_named_not_their_graded_function(reports):
    report = reports["own_helper_wrong"]
    assert not bad(report), bad(report)
    follows = lines(report, "linear_activation_backward")
    assert len(follows) == 1 and follows[0].startswith("FOLLOWS")
    assert "follows from dnn_utils_v2.py's relu_backward, which fails:" in follows[0]  # sigmoid_backward is right


# ---------------------------------------------------------------- fragments

def test_a_fragment_gets_the_names_of_the_notebooks_earlier_cells(reports):
    report = reports["fragment"]
    assert report.functions == ["propagate"] and report.supplied == ["np", "sigmoid"]
    assert not bad(report) and report.count("PASS") == 6, lines(report)


def test_an_import_inside_the_function_of_a_course_function(reports):
    report = reports["import_inside"]
    assert not bad(report) and report.imports == {"sigmoid": "the course's sigmoid"}, (bad(report), report.imports)


# ---------------------------------------------------------------- causes

def test_the_learners_own_assert_shows_its_line_and_values_and_the_rest_is_judged(reports):
    report = reports["own_assert"]
    mine = lines(report, "linear_backward")
    assert mine[0].startswith("ERROR linear_backward call the function's own assert is false, at cell ")
    assert ": assert (db.shape == b.shape); db.shape is (4,), b.shape is (4, 1): a dimension dropped" in mine[0]
    assert any(line.startswith("PASS linear_backward dA_prev") for line in mine)
    assert any(line.startswith("PASS linear_backward dW") for line in mine)
    assert any(line.startswith("FAIL linear_backward db a dimension dropped") for line in mine)


def test_a_raise_does_not_hide_another_mistake(reports):
    report = reports["raise_and_sign"]
    mine = lines(report, "L_model_backward")
    assert mine[0].startswith("ERROR L_model_backward call raised KeyError: 'dA4' at cell ")
    assert 'grads["dA" + str(L)]' in mine[0]  # the line itself
    assert any(line.startswith("FAIL L_model_backward dW4 sign flipped") for line in mine), mine


def test_callers_of_a_failing_function_follow_from_it(reports):
    report = reports["caller_of_wrong_predict"]
    assert "FAIL" in status(report, "predict") and status(report, "model") == {"FOLLOWS"}
    assert "follows from predict, which fails" in lines(report, "model")[0]
    three = reports["callers_of_wrong_forward"]
    assert "FAIL" in status(three, "forward_propagation")
    assert status(three, "nn_model") == status(three, "predict") == {"FOLLOWS"}
    deep = reports["own_assert"]
    assert status(deep, "linear_activation_backward") == status(deep, "L_model_backward") == {"FOLLOWS"}
    assert "follows from linear_backward, which fails (through linear_activation_backward)" in \
        lines(deep, "L_model_backward")[0]


def test_a_caller_with_a_mistake_of_its_own_still_fails(reports):
    report = reports["caller_with_its_own_mistake"]
    mine = [line for line in lines(report, "model") if not line.startswith("PASS")]
    assert mine and all(line.startswith("FAIL model") for line in mine)
    assert "checked with the course's predict in place of yours: these are its own mistakes" in mine[0]


# ---------------------------------------------------------------- the assignment, not a guess

def test_the_application_is_told_by_its_models_and_its_scale_is_the_applications(reports):
    report = reports["application_with_step_functions"]
    assert report.week == "app" and len(report.functions) == 12 and not bad(report), (report.week, bad(report))
    warn = [line for line in lines(report) if line.startswith("WARN")]
    assert warn == ["WARN initialize_parameters_deep scale randn * 0.01, Step by Step's and week 3's scale: differs "
                    "from this assignment's randn / sqrt(n[l-1]), which the course's grader expects here"]


def test_the_applications_scale_in_step_by_step_is_a_warning_naming_both(reports):
    report = reports["step_with_application_scale"]
    assert not bad(report) and report.count("WARN") == 1
    warn = next(line for line in lines(report) if line.startswith("WARN"))
    assert "randn / sqrt(n[l-1]), the Application's scale" in warn and "this assignment's randn * 0.01" in warn
    assert not any("published" in line for line in lines(report, "initialize_parameters_deep"))  # not 0.01's


# ---------------------------------------------------------------- names, arguments, old NumPy

@pytest.mark.parametrize("name, mine, course", [("near_names", "layer_size", "layer_sizes"),
                                                ("near_name_zeros", "initialize_with_zero", "initialize_with_zeros")])
def test_a_near_name_is_checked_as_the_course_function_and_said(reports, name, mine, course):
    report = reports[name]
    assert mine in report.functions and not bad(report), bad(report)
    assert f"{mine} checked as the course's {course} (the name differs; the arguments are the same)" in report.notes


def test_a_keyword_the_course_passes_and_the_function_lacks(reports):
    report = reports["misspelled_keyword"]
    assert bad(report) == ["FAIL two_layer_model arguments the course's notebook calls it with num_iterations=: it "
                           "takes (X, Y, layers_dims, learning_rate, num_iteration, print_cost), so that call raises "
                           "TypeError"]


def test_names_todays_numpy_dropped(reports):
    report = reports["old_numpy"]
    assert not bad(report)
    assert any(note.startswith("uses np.float") and "which today's NumPy dropped" in note for note in report.notes)


def test_every_form_gets_a_verdict(reports):
    assert all(r.functions and not r.error for r in reports.values()), {k: r.error for k, r in reports.items()}


# ---------------------------------------------------------------- more forms the survey found

def test_one_function_a_file_importing_its_sibling(reports):
    report = reports["sibling_function_module"]
    assert not bad(report) and report.imports["sigmoid"].startswith("yours (") and report.supplied == ["np"]


@pytest.mark.parametrize("name, words", [("template_left_as_it_was", "not filled in: the template's `s = None` is still "
                                                                      "there"),
                                         ("template_emptied", "not filled in: nothing written after `# YOUR CODE "
                                                              "STARTS HERE`")])
def test_a_template_not_filled_in_is_said_and_its_callers_follow(reports, name, words):
    report = reports[name]
    assert [line for line in bad(report)] == [line for line in bad(report) if line.startswith("ERROR sigmoid")]
    assert words in bad(report)[0]
    assert status(report, "propagate") == status(report, "model") == {"FOLLOWS"}


def test_a_function_whose_cell_does_not_parse_is_an_error_of_its_own(reports):
    report = reports["cell_does_not_parse"]
    assert bad(report) == [line for line in bad(report) if line.startswith("ERROR predict call not defined: the cell "
                                                                           "that defines it does not parse, at cell ")]
    assert len(bad(report)) == 1 and "SyntaxError: '(' was never closed" in bad(report)[0]


def test_python_2s_names_and_the_learners_own_names(reports):
    assert not bad(reports["python2_names"]) and "xrange" in reports["python2_names"].supplied
    report = reports["names_of_their_own"]
    assert "propagation" in report.functions and not bad(report)
    assert "propagation(w, b, X, Y) checked as the course's propagate(w, b, X, Y): the name and the arguments are " \
           "near the course's" in report.notes


def test_a_driver_gets_the_functions_of_the_learners_module(reports):
    report = reports["driver_and_module"]
    assert len(report.functions) == 6 and not bad(report)
    assert "defines no course function itself: checked the ones it imports from your fun.py" in report.notes


def test_a_package_path_from_the_projects_root(reports):
    report = reports["package_from_the_project_root"]
    assert not bad(report) and report.imports["Week2.lr_utils"].endswith("Week2/lr_utils.py)"), report.imports


def test_a_model_that_reads_the_notebooks_test_set_is_a_warning(reports):
    report = reports["model_reads_the_test_set"]
    assert not bad(report) and any(line.startswith("WARN L_layer_model call uses test_x, which only the file's "
                                                   "top-level code makes") for line in lines(report))


@pytest.mark.parametrize("name, expected", [
    ("global_for_an_argument", "FAIL L_layer_model arguments reads the notebook's global layers_dims, not an argument"),
    ("wrong_first_step", "FAIL two_layer_model first step dA2, the cost's derivative it starts the backward pass from"),
    ("optimize_hard_coded", "FAIL model optimize calls optimize with num_iterations=2000, learning_rate=0.5, not its "
                            "own arguments (101, 0.1)"),
    ("prediction_keys_swapped", "FAIL model Y_prediction_train the test set's predictions; 5 of 8 labels differ"),
    ("element_wise_product", "FAIL propagate dw shape (4, 8), X's: an element-wise product (*) where np.dot belongs"),
    ("int_b_in_2021", "FAIL initialize_with_zeros b the int 0: the 2021 release's test wants a float (b = 0.)"),
    ("inline_helper_wrong", "ERROR relu result could not read the result: expected (A, cache), as dnn_utils' returns"),
])
def test_the_mistakes_the_survey_found_are_named(reports, name, expected):
    assert any(line.startswith(expected) for line in bad(reports[name])), bad(reports[name])


def test_a_wrong_inline_helper_is_blamed_not_its_callers(reports):
    report = reports["inline_helper_wrong"]
    assert status(report, "linear_activation_forward") == status(report, "L_model_forward") == {"FOLLOWS"}
    assert all(line.startswith("ERROR relu") for line in bad(report))


def test_a_byte_order_mark_is_not_code(tmp_path):
    path = corpus.write_form(corpus.FORMS["fragment"], tmp_path, ".py")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    report = check_files([path])[0]
    assert report.functions == ["propagate"] and not bad(report) and not report.notes
