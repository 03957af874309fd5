"""`rosetta check` inside the learner's own notebook: `%load_ext reference.check`, `%rosetta_check`, and
`check_here(globals())`, on the kernel's own functions, with the same checks and oracle as the command.

The notebook is executed by nbclient in a fresh kernel, as Jupyter runs it; the wrong L_model_backward is the
classic one (its loop reads dA[L-1] at every layer), whose words the checks give on any 4-layer problem.

And a notebook as `rosetta check` reads it from a file (written here by nbformat): its magics and shell lines
blanked, so that each line a note cites is the line of the cell as Jupyter numbers it.
"""

import textwrap

import pytest

from reference.check import check_here
from tests.shown import blocks_after

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

HELPERS = """
%load_ext reference.check
import numpy as np
from reference.check.confined.course_helpers.dnn_utils import relu_backward, sigmoid_backward  # the course's dnn_utils
"""

LINEAR = """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
"""

WRONG = """
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L-1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(
        dAL, caches[L-1], "sigmoid")
    for l in reversed(range(L-1)):
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(L-1)], caches[l], "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads
"""


@pytest.fixture(scope="module")
def executed():
    cells = [HELPERS, LINEAR, WRONG, "%rosetta_check L_model_backward", "%rosetta_check",
             "from reference.check import check_here\nprint(check_here(globals(), ['linear_backward']))",
             "%rosetta_check no_such_function"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(textwrap.dedent(c).strip()) for c in cells])
    client = nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3",
                                     extra_arguments=["--IPKernelApp.log_level=ERROR"])
    client.execute()
    return notebook


def outputs(cell, kind):
    return "\n".join(o.get("data", {}).get(kind, "") if o.get("output_type") != "stream" else o.get("text", "")
                     for o in cell.outputs)


def test_the_magic_checks_the_kernels_function_and_shows_a_table(executed):
    text, page = outputs(executed.cells[3], "text/plain"), outputs(executed.cells[3], "text/html")
    assert text.startswith("rosetta check: week4, Building your Deep Neural Network: Step by Step: L_model_backward")
    assert "ERROR L_model_backward  call  right on a 2-layer network, wrong on 4 layers: the hidden-layer loop " \
           "works for 2 layers only" in text
    assert "at line 13: dZ = relu_backward(dA, activation_cache) (in linear_activation_backward, called at line 9: " \
           'dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(L-1)], caches[l], "relu"))' \
           in text  # where it raised, and the line of the function checked that led there
    assert "PASS  L_model_backward  dW4" in text and "PASS  L_model_backward  dW3" in text  # computed before it
    assert "<table>" in page and ">ERROR<" in page and "works for 2 layers only" in page


def test_the_readme_shows_this_output(executed):
    for shown in blocks_after("In [4]: %rosetta_check L_model_backward"):
        assert "\n".join(shown) == outputs(executed.cells[3], "text/plain").rstrip("\n"), "%rosetta_check output is stale"


def test_the_magic_without_names_checks_every_course_function_of_the_kernel(executed):
    text = outputs(executed.cells[4], "text/plain")
    assert ": linear_backward, linear_activation_backward, L_model_backward" in text.splitlines()[0]
    assert "PASS  linear_backward" in text and "ERROR L_model_backward" in text
    assert "FAIL  linear_backward" not in text and "ERROR linear_backward" not in text


def test_check_here_from_code_and_a_name_the_kernel_lacks(executed):
    assert "PASS  linear_backward  dW" in outputs(executed.cells[5], "text/plain")
    assert "rosetta_check: names: expected functions this kernel defines" in outputs(executed.cells[6], "text/plain")


def test_check_here_leaves_the_global_generator_as_it_was():
    """The learner's notebook draws from np.random's global generator; the checks seed it, and put it back."""
    import numpy as np

    from reference.check.confined.course_helpers.dnn_utils import relu_backward, sigmoid_backward

    namespace = {"__name__": "__main__", "np": np, "relu_backward": relu_backward, "sigmoid_backward": sigmoid_backward}
    exec(compile(LINEAR, "<cell>", "exec"), namespace)
    np.random.seed(7)  # noqa: NPY002  (the learner's generator)
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    report = check_here(namespace)
    assert report.ok and report.functions == ["linear_backward", "linear_activation_backward"], str(report)
    assert (np.random.get_state()[1] == before).all()  # noqa: NPY002


MAGICS = ["%matplotlib inline\n!pip install h5py\nimport numpy as np",
          "%%time\nx = 1",
          "%load_ext autoreload\n%autoreload 2\nfiles = !ls\n%time y = 1\n\n"
          "def sigmoid(z):\n    cache = {}\n    return 1 / (1 + np.exp(-cache['z']))",
          "!nvidia-smi\n%env SEED=1\n\nlayers_dims = [12288, 20, 7, 5, 1\n"]


def notes_cite_the_cells_own_lines(sources_module, folder) -> None:
    """The notebook MAGICS read by ``sources_module`` (reference.check.confined.sources, or a copy of it) and
    loaded: the error of its sigmoid and the note on its cell that does not parse cite each line's place in its
    cell's own text."""
    from reference.check.confined import causes, namespace

    path = folder / "nb.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in MAGICS]), path)
    learner, notes, _ = namespace.load(sources_module.read(path))
    buggy = "    return 1 / (1 + np.exp(-cache['z']))"
    with pytest.raises(KeyError) as raised:
        learner["sigmoid"](0.0)
    line = MAGICS[2].split("\n").index(buggy) + 1
    assert causes.describe(raised.value) == f"raised KeyError: 'z' at cell 3, line {line}: {buggy.strip()}"
    unclosed = MAGICS[3].split("\n").index("layers_dims = [12288, 20, 7, 5, 1") + 1
    [note] = [n for n in notes if "SyntaxError" in n]
    assert note.startswith(f"cell 4, line {unclosed}: SyntaxError: "), note


def test_a_notebooks_magics_are_blanked_so_each_note_cites_the_line_the_learner_sees(tmp_path):
    """Magics (%matplotlib, %%time ...) and shell lines (!pip, x = !ls) before a buggy function and before a line
    that does not parse: each note's "cell N, line L" is the line's place in the cell's own text, as Jupyter
    numbers it (a cleaning that dropped those lines instead of blanking them would cite a line too early)."""
    from reference.check.confined import sources

    notes_cite_the_cells_own_lines(sources, tmp_path)
