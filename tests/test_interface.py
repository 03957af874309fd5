"""Every impl_* package exposes the same modules and public functions, in the same order, with the same
signatures. Read from the source with ast, so it holds whether or not a framework is installed.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = ("__init__", "activations", "cost", "initializers", "logistic_regression", "shallow_nn", "deep_nn",
           "regularization", "gradient_check", "optimizers", "graph")
FRAMEWORKS = ("impl_torch", "impl_tf", "impl_jax")

# Framework-only extras, allowed on top of NumPy's interface, and only these.
EXTRAS = {
    "logistic_regression": ["autodiff_gradients", "train_autodiff"],
    "shallow_nn": ["autodiff_gradients", "train_autodiff"],
    "deep_nn": ["autodiff_gradients", "train_autodiff"],
    "regularization": ["autodiff_gradients", "train_autodiff"],
    "initializers": ["he_truncated", "glorot_truncated"],  # TF and JAX: the Keras/JAX truncated families
    "graph": ["autograd_nodes"],  # torch: the grad_fn nodes and what each saved (no public record elsewhere)
}

# Framework-only modules, with no NumPy counterpart: the same public functions, in the same order, with the
# same signatures in every framework (layers: the framework's own layers, loss and optimizer).
FRAMEWORK_MODULES = ("layers", "own_optimizers")

# ... except where each framework configures L2 regularization its own way, which is what the layers module shows:
# torch's optimizer and optax's chain take a weight decay (biases decayed or not), Keras' Dense layers a kernel
# regularizer (build's l2). layers.L2_VARIANTS maps the course's lambd to these arguments in each framework.
L2_ARGUMENTS = {"weight_decay", "decay_biases", "l2"}


def public_functions(package: str, module: str, leave_out=frozenset()) -> list[tuple[str, str]]:
    """(name, signature) of every public top-level function, in file order; the arguments named in ``leave_out``
    left out of the signatures."""
    tree = ast.parse((ROOT / package / f"{module}.py").read_text())
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            args = node.args
            if leave_out:
                args = ast.arguments(posonlyargs=args.posonlyargs, args=args.args, vararg=args.vararg,
                                     kwonlyargs=[a for a in args.kwonlyargs if a.arg not in leave_out],
                                     kw_defaults=[d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                                                  if a.arg not in leave_out], kwarg=args.kwarg, defaults=[])
                kept = [(a, d) for a, d in zip(node.args.args, [None] * (len(node.args.args) - len(node.args.defaults))
                                               + node.args.defaults, strict=True) if a.arg not in leave_out]
                args.args = [a for a, _ in kept]
                args.defaults = [d for _, d in kept if d is not None]
            found.append((node.name, ast.unparse(args)))
    return found


def implemented(package: str) -> bool:
    return (ROOT / package / "deep_nn.py").exists()


@pytest.mark.parametrize("package", FRAMEWORKS)
@pytest.mark.parametrize("module", MODULES)
def test_same_functions_same_order_same_signatures(package, module):
    if not implemented(package):
        pytest.skip(f"{package} is not written yet")
    reference = public_functions("impl_numpy", module)
    theirs = public_functions(package, module)
    extras = EXTRAS.get(module, [])
    common = [f for f in theirs if f[0] not in extras]
    assert common == reference
    assert {name for name, _ in theirs} - {name for name, _ in reference} <= set(extras)


@pytest.mark.parametrize("package", FRAMEWORKS)
def test_extras_have_the_same_signature_in_every_framework(package):
    if not implemented(package):
        pytest.skip(f"{package} is not written yet")
    for module, names in EXTRAS.items():
        for other in FRAMEWORKS:
            if other == package or not implemented(other):
                continue
            mine = dict(public_functions(package, module))
            theirs = dict(public_functions(other, module))
            for name in names:
                if name in mine and name in theirs:
                    assert mine[name] == theirs[name], f"{package}.{module}.{name} vs {other}"


@pytest.mark.parametrize("package", FRAMEWORKS[1:])
@pytest.mark.parametrize("module", FRAMEWORK_MODULES)
def test_framework_only_modules_match_across_frameworks(package, module):
    first = FRAMEWORKS[0]
    if not (ROOT / first / f"{module}.py").exists() or not (ROOT / package / f"{module}.py").exists():
        pytest.skip(f"{first}.{module} or {package}.{module} is not written yet")
    expected = public_functions(first, module, L2_ARGUMENTS)
    assert expected, f"{first}.{module} has no public functions"
    assert public_functions(package, module, L2_ARGUMENTS) == expected


def test_import_reference_and_listing_backends_import_no_framework():
    code = ("import sys, reference, reference.data, reference.proof.oracle, reference.proof.tolerances; "
            "reference.available_backends(); "
            "print(sorted(m for m in ('torch', 'tensorflow', 'jax') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
