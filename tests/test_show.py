"""``rosetta show`` and the equations behind it (reference/views/equations.py).

The concepts are read from the impl_* sources with ast, so every function there must have its
equation, and show must work without importing any framework.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reference import cli
from reference.views import show
from reference.views.equations import COURSE_ORDER, EQUATIONS, SECTIONS

REPO = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(argv, capsys):
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_every_function_of_every_implementation_has_its_equation():
    concepts = show.concepts()
    assert "deep_nn.backward_propagation" in concepts and "activations.relu" in concepts
    assert "initializers.he" in concepts and "cost.compute_cost" in concepts
    assert [c for c in concepts if c not in EQUATIONS] == []
    assert [c for c in EQUATIONS if c not in concepts] == []  # no equation for a function that is gone


def test_course_order_lists_every_equation_once():
    assert sorted(COURSE_ORDER) == sorted(EQUATIONS)
    assert len(set(COURSE_ORDER)) == len(COURSE_ORDER)
    assert [name for name, _ in SECTIONS][0].startswith("Week 2")
    assert show.concepts() == list(COURSE_ORDER)


@pytest.mark.parametrize("concept", COURSE_ORDER)
def test_every_equation_converts_to_mathml(concept):
    from latex2mathml.converter import convert

    equation = EQUATIONS[concept]
    assert equation.title and equation.text and equation.latex
    for line in equation.latex:
        assert convert(line).startswith("<math")


def test_show_prints_the_equation_above_the_four_implementations(capsys):
    code, out, _ = run(["show", "deep_nn.backward_propagation", "--width", "1000"], capsys)
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("deep_nn.backward_propagation: ")
    equation = next(i for i, line in enumerate(lines) if "dZ[L] = A[L] - Y" in line)
    code_row = next(i for i, line in enumerate(lines) if "def backward_propagation" in line)
    assert equation < code_row
    # side by side: one row holds the def of all four, the header names the four files
    assert lines[code_row].count("def backward_propagation(params, cache, Y") == 4
    assert all(f"impl_{b}/deep_nn.py" in lines[code_row - 2] for b in ("numpy", "torch", "tf", "jax"))
    assert "\x1b[" not in out  # piped, so plain text


def test_side_by_side_rows_align_matching_lines(capsys):
    code, out, _ = run(["show", "deep_nn.backward_propagation", "--width", "1000"], capsys)
    row = next(line for line in out.splitlines() if "np.sum(dZ" in line)
    assert "torch.sum(dZ" in row and "tf.reduce_sum(dZ" in row and "jnp.sum(dZ" in row


def test_narrow_terminal_gets_one_implementation_after_another(capsys):
    code, out, _ = run(["show", "activations.relu", "--width", "60"], capsys)
    headers = [line for line in out.splitlines() if re.match(r"^(numpy|torch|tf|jax): impl_\w+/activations\.py:\d+$", line)]
    assert code == 0 and len(headers) == 4
    assert out.count("def relu(Z):") == 4 and not any(line.count("def relu") > 1 for line in out.splitlines())


def test_highlighting_for_a_terminal_only():
    colored = show.render("activations.relu", color=True, layout="stacked")
    plain = show.render("activations.relu", color=False, layout="stacked")
    assert "\x1b[" in colored and "\x1b[" not in plain
    assert ANSI.sub("", colored) == plain
    side = show.render("activations.relu", color=True, layout="side", width=400)
    assert ANSI.sub("", side) == show.render("activations.relu", color=False, layout="side", width=400)


@pytest.mark.parametrize("concept", COURSE_ORDER)
def test_every_concept_renders_side_by_side_with_highlighting(concept):
    colored = show.render(concept, color=True, layout="side", width=1000)
    plain = show.render(concept, color=False, layout="side", width=1000)
    assert ANSI.sub("", colored) == plain
    for s in show.snippets(concept).values():
        if s is not None:  # every line of every implementation is there, once per row
            assert all(line.rstrip() in plain for line in s.code.splitlines())


def test_color_always_from_the_command_line(capsys):
    _, out, _ = run(["show", "activations.relu", "--color", "always", "--width", "60"], capsys)
    assert "\x1b[" in out


def test_no_name_lists_the_concepts_in_course_order(capsys):
    code, out, _ = run(["show"], capsys)
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert code == 0 and listed == list(COURSE_ORDER)


@pytest.mark.parametrize("name, closest", [
    ("deep_nn.backprop", "deep_nn.backward_propagation"),
    ("activations.rleu", "activations.relu"),
    ("sigmod", "activations.sigmoid"),
])
def test_unknown_name_gets_the_closest_names(capsys, name, closest):
    code, out, err = run(["show", name], capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and closest in err and repr(name) in err


def test_a_function_name_alone_when_only_one_module_has_it(capsys):
    assert show.resolve("he") == "initializers.he"
    code, _, err = run(["show", "train"], capsys)
    assert code == 2 and "deep_nn.train" in err and "shallow_nn.train" in err


def test_snippet_brings_the_private_helpers_it_uses():
    assert "_FUNCTIONS = {" in show.snippet("numpy", "activations.activation_forward").code
    tf_train = show.snippet("tf", "deep_nn.train").code
    assert tf_train.index("def _gradient_descent") < tf_train.index("def train")
    assert "@tf.function" in tf_train  # decorators are part of the source
    jax_train = show.snippet("jax", "deep_nn.train").code
    assert "def _gradient_descent" in jax_train and "def _cost" in jax_train  # the private helpers train uses
    assert "def autodiff_gradients" not in jax_train and "def predict" not in jax_train  # and nothing else


def test_a_missing_implementation_is_named(capsys):
    code, out, _ = run(["show", "deep_nn.autodiff_gradients", "--width", "60"], capsys)
    assert code == 0 and "impl_numpy has no deep_nn.autodiff_gradients" in out
    assert out.count("def autodiff_gradients") == 3


def test_align_pairs_matching_lines_and_pads_extra_ones():
    numpy = ["def f(X):", "    A = np.sum(X)", "    return A"]
    torch = ["def f(X):", "    with torch.no_grad():", "        A = torch.sum(X)", "    return A"]
    assert show.align([numpy, torch]) == [
        ["def f(X):", "def f(X):"],
        [None, "    with torch.no_grad():"],
        ["    A = np.sum(X)", "        A = torch.sum(X)"],
        ["    return A", "    return A"],
    ]


def test_show_imports_no_framework():
    code = ("import sys; from reference.cli import main; main(['show', 'deep_nn.train', '--width', '400']); "
            "loaded = [m for m in ('torch', 'tensorflow', 'jax') if m in sys.modules]; "
            "sys.exit(f'imported {loaded}' if loaded else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "def train" in result.stdout


def test_layers_concepts_show_the_raw_equations_next_to_the_frameworks_layers():
    """Issue 9: a reader sees what nn.Linear, Dense or nnx.Linear does in the course's symbols."""
    from reference.views.show import RAW_COUNTERPARTS, render, snippets

    found = snippets("layers.forward")
    assert found["numpy"].path == "impl_numpy/deep_nn.py" and "def forward_propagation" in found["numpy"].code
    assert {b for b, s in found.items() if s and s.path.endswith("layers.py")} == {"torch", "tf", "jax"}
    assert "the numpy column is the raw deep_nn.forward_propagation" in render("layers.forward", width=80)
    assert "rosetta show layers.forward" in render("deep_nn.forward_propagation", width=80)
    for layers, raw in RAW_COUNTERPARTS.items():
        assert snippets(layers)["numpy"] is not None, (layers, raw)
