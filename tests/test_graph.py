"""The course's week-2 computation graph J = 3(a + bc) in the four frameworks (``rosetta graph example``).

Expected numbers: the course's lecture (a = 5, b = 3, c = 2: u = 6, v = 11, J = 33; dJ/dv = dJ/du = dJ/da = 3,
dJ/db = 6, dJ/dc = 9), and the chain rule's formulas (reference/graph/example.py's oracle) at random inputs."""

import numpy as np
import pytest

from reference import available_backends, cli
from reference.graph import example
from reference.tolerances import compare

BACKENDS = ["numpy", "torch", "tf", "jax"]


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
