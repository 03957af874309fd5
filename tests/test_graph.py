"""Computation graphs (``rosetta graph``): the course's week-2 example, and one gradient step of each model.

Expected numbers for the example: the course's lecture (a = 5, b = 3, c = 2: u = 6, v = 11, J = 33; dJ/dv = dJ/du
= dJ/da = 3, dJ/db = 6, dJ/dc = 9), and the chain rule's formulas (reference/graph/example.py's oracle) at random
inputs. For the models: every intermediate of the loop oracle (reference/proof/oracle.py), which each graph's evaluated
nodes must reproduce within the tolerance table, and the matrix products of the course's equations
(symbols.manual_matmuls: W[l] A[l-1], dZ[l] A[l-1]^T, W[l]^T dZ[l] for l > 1), which each graph must execute
exactly, none of them with respect to X."""

import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from test_harness_catches_bugs import planted_package

from reference import available_backends, cli, get_backend
from reference.graph import example, label, models
from reference.graph.draw import dot_source, svg
from reference.graph.label import label_by_alignment, mismatches
from reference.graph.symbols import layer_count, problem, symbols
from reference.graph.trace import MODES, Graph, Node, trace
from reference.proof.tolerances import compare
from tests import shown

BACKENDS = ["numpy", "torch", "tf", "jax"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def require(backend):
    if backend not in available_backends():
        pytest.skip(f"backend {backend!r} is not installed")


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_course_numbers_in_every_framework(backend):
    require(backend)
    values = example.evaluate([backend])[backend]["values"]
    assert values == example.PUBLISHED


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_node_and_derivative_at_random_inputs(backend):
    require(backend)
    rng = np.random.default_rng(7)
    for a, b, c in rng.standard_normal((5, 3)) * 10:
        values = example.evaluate([backend], a, b, c)[backend]["values"]
        expected = example.oracle(a, b, c)
        for key in expected:
            assert compare(values[key], expected[key], "float64", "forward").ok, (key, values[key], expected[key])


def test_what_each_framework_executes():
    """torch records a backward node per operation and one AccumulateGrad per leaf; TensorFlow's graph and JAX's
    jaxpr hold the forward multiply and add and the backward multiplies (dJ/db = 3c, dJ/dc = 3b)."""
    installed = [b for b in BACKENDS if b in available_backends()]
    operations = {b: r["operations"] for b, r in example.evaluate(installed).items()}
    if "torch" in operations:
        assert sorted(operations["torch"]) == sorted(["MulBackward0", "AddBackward0", "MulBackward0",
                                                      "AccumulateGrad", "AccumulateGrad", "AccumulateGrad"])
    if "tf" in operations:
        assert operations["tf"].count("AddV2") == 1 and operations["tf"].count("Mul") >= 4
    if "jax" in operations:
        assert operations["jax"].count("add") == 1 and operations["jax"].count("mul") >= 4


def test_a_wrong_derivative_is_marked_and_fails(monkeypatch, capsys):
    """A planted chain-rule slip, dJ/db = dJ/du * b instead of * c: its row is marked and the exit status is 1."""
    import impl_numpy.graph

    right = impl_numpy.graph.computation_graph

    def slipped(a, b, c):
        forward, backward = right(a, b, c)
        return forward, {**backward, "db": backward["du"] * b}

    monkeypatch.setattr(impl_numpy.graph, "computation_graph", slipped)
    assert cli.main(["graph", "example", "--backends", "numpy"]) == 1
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("dJ/db"))
    assert row.split()[-2:] == ["9.0", "!"] and "6" in row


def test_the_course_graph_passes_and_bad_values_get_one_line(capsys):
    assert cli.main(["graph", "example", "--backends", "numpy"]) == 0
    assert "J = 3 v" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        cli.main(["graph", "example", "--values", "1,2"])
    assert exit_.value.code == 2 and "expected three numbers a,b,c" in capsys.readouterr().err


# ---------------------------------------------------------------- the models' graphs

CONFIGURATIONS = [("logistic_regression", None)] + [(model, activation) for model in ("shallow_nn", "deep_nn")
                                                     for activation in ("sigmoid", "tanh", "relu", "leaky_relu")]
GRAPHS = [(backend, mode) for backend in BACKENDS for mode in MODES[backend]]


@pytest.mark.parametrize("backend,mode", GRAPHS, ids=[f"{b}-{m}" for b, m in GRAPHS])
@pytest.mark.parametrize("model,activation", CONFIGURATIONS, ids=[f"{m}-{a}" if a else m for m, a in CONFIGURATIONS])
def test_each_graph_reproduces_the_oracle_with_the_course_products(backend, mode, model, activation):
    require(backend)
    explained = models.explain_one(backend, model, mode, activation)
    graph = explained.graph
    assert explained.missing == [], f"no node equals {explained.missing}"
    assert mismatches(graph, explained.candidates) == []
    assert explained.matmul_problems == []
    L = layer_count(model)
    assert explained.counts["matmul"] == 3 * L - 1
    assert not [n for n in graph.nodes if n.label.startswith("dA0")], "a gradient with respect to X was computed"
    # what the step returns is what its name says: J and each dW, db (a reshape of db keeps its label)
    for name, index in graph.outputs.items():
        assert graph.nodes[index].label == name, (name, graph.nodes[index].op, graph.nodes[index].label)


@pytest.mark.parametrize("backend", ["torch", "tf", "jax"])
def test_autodiff_takes_dZL_from_the_cross_entropy_and_the_relu_mask_its_own_way(backend):
    """The course forms dZ[L] = A[L] - Y and divides by m at dW, db; the frameworks' autodiff never forms A[L] - Y:
    its dJ/dZ[L] = (A[L] - Y)/m comes out of the from-logits cross-entropy's derivative. relu' is each framework's
    own kernel or a select on the mask (torch's threshold_backward, TensorFlow's ReluGrad, JAX's select_n)."""
    require(backend)
    explained = models.explain_one(backend, "deep_nn", "autodiff", "relu")
    labels = {n.label: n for n in explained.graph.operations()}
    assert "dZ3" not in labels and "dZ3/m" in labels and "m dW3" not in labels
    assert any("A3 - Y is never formed" in d for d in explained.differences)
    relu_backward = {"torch": "aten.threshold_backward", "tf": "ReluGrad", "jax": "select_n"}[backend]
    assert labels["dZ2/m"].op == labels["dZ1/m"].op == relu_backward
    manual = models.explain_one(backend, "deep_nn", "manual", "relu")
    manual_labels = {n.label for n in manual.graph.operations()}
    assert {"dZ3", "m dW3", "dW3"} <= manual_labels and "dZ3/m" not in manual_labels


def test_torch_autograd_nodes_save_the_course_cache():
    """The grad_fn nodes behind J save what the course's cache holds: tanh's result A1, the products' operands."""
    require("torch")
    explained = models.explain_one("torch", "shallow_nn", "autodiff", "tanh")
    saved = dict(explained.graph.extra)
    assert saved["TanhBackward0"] == ["result=A1"]
    assert ["mat2=A1", "self=W2"] in [s for name, s in explained.graph.extra if name == "MmBackward0"]


def graph_of_values(values, dtype):
    """A one-step graph of computed nodes with these values, traced (as it says) in ``dtype``."""
    nodes = [Node(i, "aten.add", (), value, kind="elementwise", place="forward") for i, value in enumerate(values)]
    return Graph("numpy", "manual", "shallow_nn", "tanh", nodes, {"J": 0}, dtype=dtype)


def named_at_the_traces_dtype(label_module, dtype) -> None:
    """Z1 and Z1 rounded to float32, labelled by ``label_module`` (reference.graph.label, or a copy of it) in a graph
    traced in ``dtype``: the rounded one is Z1 in float32 only, and mismatches shows it on Z1 in float64 only."""
    candidates = symbols("shallow_nn", "tanh", *problem("shallow_nn"))
    Z1 = next(s.value for s in candidates if s.name == "Z1")
    rounded = Z1.astype(np.float32).astype(np.float64)
    assert 1e-12 < np.max(np.abs(rounded - Z1) / np.abs(Z1)) <= 2.0**-24  # the premise: one float32 rounding
    graph = graph_of_values([Z1, rounded], dtype)
    label_module.label_by_value(graph, candidates)
    assert [n.label for n in graph.nodes] == (["Z1", "Z1"] if dtype == "float32" else ["Z1", ""])
    graph.nodes[1].label = "Z1"  # carried over from a correct graph (label_by_alignment)
    assert [(index, name) for index, name, _ in label_module.mismatches(graph, candidates)] == (
        [] if dtype == "float32" else [(1, "Z1")])


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_nodes_are_named_at_the_traces_own_dtype(dtype):
    """Z1 rounded to float32 (24 bits: a relative change of up to 2**-24, about 6e-8, and over 1e-12 in some entry)
    is Z1 in a float32 trace (the table's float32 forward rtol 1e-5) and not in a float64 trace (rtol 1e-12): there
    it is a float32 leak, which mismatches shows on the node labelled Z1 instead of naming it."""
    named_at_the_traces_dtype(label, dtype)


def _planted_graph(backend, module, old, new, model, mode, activation):
    """The labels of the correct graph carried over to a trace of a copy of the backend with a planted bug."""
    correct = models.explain_one(backend, model, mode, activation)
    package = planted_package(backend, module, old, new)
    graph = trace(backend, model, mode, activation, package=package.__name__)
    label_by_alignment(graph, correct.graph)
    return graph, [label for _, label, _ in mismatches(graph, correct.candidates)]


TANH_DERIVATIVE = {"numpy": "1 - np.tanh(Z) ** 2", "torch": "1 - torch.tanh(Z) ** 2",
                   "tf": "1 - tf.math.square(tf.math.tanh(Z))", "jax": "1 - jnp.tanh(Z) ** 2"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_wrong_activation_derivative_shows_as_the_nodes_that_no_longer_match(backend):
    """tanh'(Z) = 1 - tanh(Z) instead of 1 - tanh(Z)^2 in the manual equations: g'(Z1) and everything computed
    from it (dZ1, dW1, db1) no longer equal their labels; the forward pass and layer 2 still do."""
    require(backend)
    wrong = TANH_DERIVATIVE[backend].replace(" ** 2", "").replace("tf.math.square(tf.math.tanh(Z))",
                                                                  "tf.math.tanh(Z)")
    graph, wrong_labels = _planted_graph(backend, "activations", TANH_DERIVATIVE[backend], wrong, "shallow_nn",
                                         "manual", "tanh")
    assert {"g'(Z1)", "dZ1", "dW1", "db1"} <= set(wrong_labels)
    assert not {"Z1", "A1", "Z2", "J", "dZ2", "dW2", "db2", "dA1"} & set(wrong_labels)
    if shutil.which("dot"):  # the picture, with the mismatching nodes in red, for a person to look at
        ARTIFACTS.mkdir(exist_ok=True)
        wrong = {n.index for n in graph.nodes if n.label in wrong_labels and n.kind not in ("input", "constant")}
        (ARTIFACTS / f"graph_planted_tanh_derivative_{backend}.svg").write_text(svg(dot_source(graph, wrong)))


def without_its_1_over_m(backend):
    """The dW1 line of the backend's shallow_nn as written, and the same line without its division by m, whatever
    its form (dZ1 @ A0.T / m, dZ1 @ (A0.T / m), (dZ1 / m) @ A0.T): the bug is planted in the code as it is."""
    source = Path(get_backend(backend).shallow_nn.__file__).read_text()
    line = re.search(r"^ *dW1 = [^#\n]*?(?= *(#|$))", source, re.M).group(0)
    planted = re.sub(r" */ *m\b", "", line)
    assert planted != line, f"no / m in {line!r}: update this planted bug"
    return line, planted


COST_SUM = {"torch": "torch.sum(losses) / m", "tf": "tf.reduce_sum(losses) / m", "jax": "jnp.sum(losses) / m"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_missing_1_over_m_shows_as_the_node_that_no_longer_matches(backend):
    """dW1 = dZ1 A0^T without / m in the manual equations: the returned dW1 is the one node that no longer equals
    its label (the product m dW1 before it still does)."""
    require(backend)
    old, new = without_its_1_over_m(backend)
    graph, wrong_labels = _planted_graph(backend, "shallow_nn", old, new, "shallow_nn", "manual", "tanh")
    assert wrong_labels == ["dW1"]
    assert graph.nodes[graph.outputs["dW1"]].label == "dW1"


@pytest.mark.parametrize("backend", ["torch", "tf", "jax"])
def test_a_cost_without_its_1_over_m_shows_in_every_autodiff_node_after_it(backend):
    """The cost summed instead of averaged: J and every backward node of autodiff (dZ2/m, dW2, ...) carry a
    factor m too many, while the forward pass still matches."""
    require(backend)
    graph, wrong_labels = _planted_graph(backend, "cost", COST_SUM[backend], COST_SUM[backend][:-4],
                                         "shallow_nn", "autodiff", "tanh")
    assert {"J", "dZ2/m", "dW2", "db2", "dZ1/m", "dW1", "db1"} <= set(wrong_labels)
    assert not {"Z1", "A1", "Z2"} & set(wrong_labels)


def test_rosetta_graph_model_prints_counts_and_labels_and_draws(tmp_path, capsys):
    require("torch")
    assert cli.main(["graph", "shallow_nn", "--backends", "numpy,torch", "--activation", "relu"]) == 0
    out = capsys.readouterr().out
    assert "shallow_nn (relu)" in out and "torch:autodiff" in out and "numpy:manual" in out
    assert out.count("exact") == 3  # numpy manual, torch autodiff and manual
    assert "aten.threshold_backward" in out and "dZ1/m" in out
    if shutil.which("dot") is None:
        pytest.skip("no Graphviz dot: run .ci/install-system-packages (as root) to draw the graphs")
    assert cli.main(["graph", "logistic_regression", "--backends", "torch", "--modes", "autodiff",
                     "--svg", str(tmp_path)]) == 0
    picture = (tmp_path / "logistic_regression_torch_autodiff.svg").read_text()
    assert picture.startswith("<svg") and "dZ1/m" in picture and "aten.mm" in picture


def test_rosetta_graph_bad_options_get_one_line(capsys):
    assert cli.main(["graph", "deep_nn", "--backends", "numpy", "--modes", "autodiff"]) == 2
    assert "none of autodiff exists for numpy" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        cli.main(["graph", "cnn"])
    assert exit_.value.code == 2 and "invalid choice: 'cnn'" in capsys.readouterr().err
    assert cli.main(["graph", "logistic_regression", "--activation", "relu", "--backends", "numpy"]) == 2
    assert "logistic_regression has no hidden layer" in capsys.readouterr().err
    assert cli.main(["graph", "example", "--svg", "pictures"]) == 2
    assert "not for example" in capsys.readouterr().err
    assert cli.main(["graph", "shallow_nn", "--values", "1,2,3"]) == 2
    assert "--values: for example" in capsys.readouterr().err


def test_the_readme_count_table_is_what_rosetta_graph_prints():
    """The README's operation counts come from `rosetta graph shallow_nn`: rerun, they are the same lines."""
    if set(BACKENDS) - set(available_backends()):
        pytest.skip("the README's table needs all four frameworks")
    printed = models.render(models.explain("shallow_nn", BACKENDS)).splitlines()
    table = printed[printed.index(next(line for line in printed if line.startswith("backend"))):][:9]
    assert "\n".join(table) in shown.text()
    picture = Path(__file__).resolve().parents[1] / "docs" / "graph" / "shallow_nn_torch_autodiff.svg"
    assert "dZ2/m" in picture.read_text() and "aten.tanh_backward" in picture.read_text()
