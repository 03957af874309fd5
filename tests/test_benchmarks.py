"""Tests of benchmarks/: the benchmark runs and reports every configuration (its structure, never its
timings), every row's floor and ratio follow from the machine's measured peak, the optimizer benchmark's JSON covers
every optimizer, framework and mode (issue 25), and no backend computes the gradient with respect to X ("no wasted
work", issue 7).

The expected work comes from the shapes, computed here. One step of an L-layer network on m examples
multiplies, for every layer l, Z[l] = W[l] A[l-1] and dW[l] = dZ[l] A[l-1]^T, and for l > 1 only
dA[l-1] = W[l]^T dZ[l]: each product is 2 n[l] n[l-1] m floating-point operations. dA[0], the gradient
with respect to X, would add 2 n[1] n[0] m (a third of the work in W1). Each framework's own count is
compared with that number exactly: NumPy by an ndarray subclass that counts matmuls, torch by
torch.utils.flop_counter, JAX by the dot_generals of the traced jaxpr (and XLA's cost analysis of the
compiled program as a bound), TensorFlow by the MatMul ops of the traced graph. Each counter is also
shown to see a gradient with respect to X when one is planted.
"""

import json
import math
import subprocess
import sys
from functools import partial
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # benchmarks/ is a folder of the repository, not an installed package

from benchmarks import bench, optimizer_speed  # noqa: E402
from benchmarks.runners import MODES  # noqa: E402
from reference.proof.tolerances import compare  # noqa: E402

# n_x large next to the hidden layers, as in W1, so that a product with X stands out
MODELS = {"logistic_regression": ([300, 1], None), "shallow_nn": ([300, 5, 1], "tanh"),
          "deep_nn": ([300, 6, 4, 1], "relu")}
M = 16
LEARNING_RATE = 0.01


def necessary_flops(dims, m):
    """Z[l] and dW[l] for every layer, dA[l-1] for l > 1."""
    per_layer = [2 * dims[l] * dims[l - 1] * m for l in range(1, len(dims))]
    return 2 * sum(per_layer) + sum(per_layer[1:])


def dX_flops(dims, m):
    """dA[0] = W[1]^T dZ[1], the product that must not be computed."""
    return 2 * dims[1] * dims[0] * m


def _problem(model):
    """X (n_x, M), Y (1, M), params, as float32 NumPy, and the train kwargs."""
    dims, activation = MODELS[model]
    rng = np.random.default_rng(0)
    X = rng.random((dims[0], M), dtype=np.float32)
    Y = (rng.random((1, M)) > 0.5).astype(np.float32)
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = (rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])).astype(np.float32)
        params[f"b{l}"] = np.zeros((dims[l], 1), np.float32)
    return X, Y, params, ({} if activation is None else {"activation": activation})


# ---------------------------------------------------------------- the benchmark runs and reports

def test_benchmark_runs_every_configuration(tmp_path, capsys):
    """A quick in-process run on the tiny workload: one row per configuration, each with its figures."""
    out = tmp_path / "results.json"
    modes = "loop,eager,function,jit-scan"  # not torch's compile: inductor takes 3 to 10 s per configuration
    assert bench.main(["--workloads", "tiny", "--quick", "--repeats", "1", "--in-process", "--modes", modes,
                       "--json", str(out)]) == 0
    results = json.loads(out.read_text())
    assert set(results) >= {"command", "machine", "repeats", "quick", "workloads", "peak", "peak_runs", "results",
                            "targets"}
    assert set(results["machine"]) >= {"cpu", "cores", "versions", "python"}
    expected = {(backend, mode, grads, dtype) for backend, pairs in MODES.items()
                for mode, grads in pairs for dtype in ("float64", "float32") if mode != "compile"}
    rows = results["results"]
    peak = results["peak"]
    assert set(peak) == {"float64", "float32"} and len(results["peak_runs"]) == 2  # at the start and at the end
    for dtype, fastest in peak.items():  # the fastest product of any library, size and run
        rates = [g for run in results["peak_runs"] for lib in run["libraries"] for g in lib["gflops"][dtype].values()]
        assert {lib["library"] for lib in results["peak_runs"][0]["libraries"]} == {"numpy", "torch", "tf", "jax"}
        assert fastest["gflops"] == max(rates) > 0 and fastest["n"] in bench.QUICK_PEAK_SIZES
    assert {(r["backend"], r["mode"], r["grads"], r["dtype"]) for r in rows} == expected
    assert len(rows) == len(expected)
    for r in rows:
        assert "error" not in r, r
        assert r["iterations"] == bench.WORKLOADS["tiny"].quick_iterations and len(r["times_s"]) == 1
        assert r["ms_per_iteration"] > 0 and r["first_call_s"] > 0 and r["compile_s"] >= 0
        floor_ms = necessary_flops(bench.WORKLOADS["tiny"].layer_dims, 16) / (peak[r["dtype"]]["gflops"] * 1e6)
        assert r["floor_ms_per_iteration"] == floor_ms and r["ratio_to_floor"] == r["ms_per_iteration"] / floor_ms
        assert r["speedup_over_sklearn"] > 0
        assert r["threads"]["cpu_count"] >= 1
        assert r["other_load"] is None or r["other_load"] >= 0
    table = capsys.readouterr().out
    assert bench.format_peak(peak) in table
    assert table.count("\n| tiny |") == len(expected)


def test_each_configuration_runs_in_its_own_process_with_its_memory(tmp_path):
    """The default (not in-process) path: a child per configuration reports its peak memory and import baseline."""
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench", "--workloads", "tiny", "--backends", "numpy",
                           "--dtypes", "float64", "--quick", "--repeats", "1", "--peak-from", "numpy", "--json",
                           str(out)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    document = json.loads(out.read_text())
    rows = document["results"]
    assert [(r["backend"], r["mode"]) for r in rows] == [("matmuls", "numpy"), ("sklearn", "MLPClassifier"),
                                                         ("numpy", "loop")]
    for r in rows:
        assert r["peak_rss_mb"] >= r["import_rss_mb"] > 0, r
    [start], [end] = (run["libraries"] for run in document["peak_runs"])  # each in its own process, NumPy's threads
    assert start["library"] == end["library"] == "numpy" and start["threads"]["blas"]
    assert "| tiny | numpy | loop |" in proc.stdout


def test_ratios_and_targets_follow_from_the_times():
    """Made-up times and peak: each floor is the step's necessary products at the peak rate, each ratio the quotient
    the issues define, and each target says met or not."""
    peak = {"float64": {"gflops": 100.0, "library": "jax", "n": 1024}}
    floor = necessary_flops([12288, 20, 7, 5, 1], 209) / (100.0 * 1e6)  # W1's products at 100 GFLOP/s, in ms

    def row(workload, backend, mode, grads, ms):
        return {"workload": workload, "backend": backend, "mode": mode, "grads": grads, "dtype": "float64",
                "ms_per_iteration": ms}
    results = [row("W1", "matmuls", "numpy", "-", 1.6 * floor), row("W1", "sklearn", "MLPClassifier", "manual", 16.0),
               row("W1", "numpy", "loop", "manual", 6.0), row("W1", "jax", "jit-scan", "manual", 1.4 * floor),
               row("W1", "jax", "jit-scan", "autodiff", 1.2 * floor),
               row("W2", "matmuls", "numpy", "-", 0.001), row("W2", "numpy", "loop", "manual", 0.05),
               row("W2", "torch", "eager", "manual", 0.04), row("W2", "torch", "compile", "manual", 0.06)]
    bench.add_ratios(results, peak)
    assert results[2]["floor_ms_per_iteration"] == floor and results[2]["ratio_to_floor"] == 6.0 / floor
    assert results[2]["speedup_over_sklearn"] == 16.0 / 6.0
    assert results[0]["ratio_to_floor"] == 1.6 * floor / floor
    summary = bench.targets(results)
    by_backend = {t["backend"]: t for t in summary["W1"]}
    assert by_backend["jax"]["best"] == "jit-scan autodiff" and by_backend["jax"]["ratio_to_floor"] == 1.2 * floor / floor
    assert by_backend["jax"]["floor_met"] and by_backend["jax"]["sklearn_met"]
    assert not by_backend["numpy"]["floor_met"] and by_backend["numpy"]["sklearn_met"]  # 6 ms is over 1.3 floors
    [w2] = summary["W2"]  # only compiled modes count, and torch eager is not one
    assert (w2["backend"], w2["best"], w2["met"]) == ("torch", "compile manual", False)
    assert w2["ratio_to_numpy"] == 0.06 / 0.05


def test_the_peak_is_the_fastest_product_of_any_library_size_and_run():
    """bench.best_peak over made-up measurements: the largest rate of each dtype, wherever it was, a failed library
    left out."""
    start = {"libraries": [{"library": "numpy", "gflops": {"float64": {"512": 120.0, "1024": 125.0}}},
                           {"library": "tf", "error": "ImportError: no tensorflow"},
                           {"library": "jax", "gflops": {"float64": {"512": 240.0}, "float32": {"512": 300.0}}}]}
    end = {"libraries": [{"library": "torch", "gflops": {"float64": {"2048": 110.0}, "float32": {"1024": 480.0}}}]}
    assert bench.best_peak([start, end]) == {"float64": {"gflops": 240.0, "library": "jax", "n": 512},
                                             "float32": {"gflops": 480.0, "library": "torch", "n": 1024}}


def test_the_readme_table_is_the_jsons():
    """benchmarks/README.md's table of the latest run is what bench.format_table gives from benchmarks/results.json,
    and its peak line the JSON's peak (rerun the benchmark and paste its output when not)."""
    document = json.loads((REPO / "benchmarks" / "results.json").read_text())
    readme = (REPO / "benchmarks" / "README.md").read_text()
    assert bench.format_peak(document["peak"]) in readme
    assert bench.format_table(document["results"]) + "\n" in readme


# ---------------------------------------------------------------- the optimizers' steps per second (issue 25)

def _flops_per_step(dims, m, batch=64):
    """The necessary products of a step, averaged over an epoch's mini-batches (the last one partial)."""
    sizes = [min(batch, m - k) for k in range(0, m, batch)]
    return sum(necessary_flops(dims, size) for size in sizes) / len(sizes)


def _check_speed_rows(document, expected):
    rows = document["rows"]
    assert sorted((r["problem"], r["framework"], r["mode"], r["optimizer"], r["dtype"]) for r in rows) == sorted(expected)
    flops = {"moons": _flops_per_step([2, 5, 2, 1], 300), "W1": _flops_per_step([12288, 20, 7, 5, 1], 209)}
    for r in rows:
        assert r["flops_per_step"] == flops[r["problem"]], r["problem"]
        floor_us = flops[r["problem"]] / (document["peak"][r["dtype"]]["gflops"] * 1e3)
        assert r["floor_us"] == floor_us and r["ratio_to_floor"] == r["us_per_step"] / floor_us
        assert math.isfinite(r["final_cost"]) and r["first_call_s"] > 0 and r["compile_s"] >= 0


def test_optimizer_speed_runs_every_row(tmp_path, capsys):
    """A quick in-process run of NumPy (the frameworks' rows: the next test, on the JSON): a row per problem,
    optimizer and dtype, its floor and ratio from its products and the peak measured in the run."""
    out = tmp_path / "optimizer_speed.json"
    assert optimizer_speed.main(["--frameworks", "numpy", "--quick", "--in-process", "--peak-from", "numpy",
                                 "--retries", "0", "--json", str(out)]) == 0
    document = json.loads(out.read_text())
    _check_speed_rows(document, [(p, "numpy", "manual", o, d) for p in ("moons", "W1")
                                 for o in ("gd", "momentum", "rmsprop", "adam") for d in ("float64", "float32")])
    assert optimizer_speed.format_table(document["rows"]) in capsys.readouterr().out


def test_the_optimizer_speed_json_covers_every_optimizer_framework_and_mode():
    """benchmarks/optimizer_speed.json (docs/course2.md's table): every optimizer in every framework's manual and own
    form (NumPy: manual only), both networks and dtypes, each floor and ratio following from the products (counted
    here from the shapes) and the peak; and NumPy's moons runs end at the cost impl_numpy gives now, so the
    benchmark trained the notebook's problem (rerun ``python -m benchmarks.optimizer_speed`` when not)."""
    import impl_numpy

    document = json.loads((REPO / "benchmarks" / "optimizer_speed.json").read_text())
    modes = {"numpy": ["manual"], "torch": ["manual", "own"], "tf": ["manual", "own"], "jax": ["manual", "own"]}
    _check_speed_rows(document, [(p, f, mode, o, d) for p in ("moons", "W1") for f, ms in modes.items() for mode in ms
                                 for o in ("gd", "momentum", "rmsprop", "adam") for d in ("float64", "float32")])
    X, Y, params, orders = optimizer_speed.problem("moons")
    for r in document["rows"]:
        if (r["problem"], r["framework"], r["dtype"]) == ("moons", "numpy", "float64"):
            _, costs = impl_numpy.optimizers.train(X, Y, params, orders(r["epochs"][1]), r["optimizer"], 0.0007)
            result = compare(np.array(r["final_cost"]), costs[-1], "float64", "training_costs")
            assert result.ok, f"{r['optimizer']}: {result}"


@pytest.mark.parametrize("argv, named", [(["--workloads", "W9"], "--workloads"), (["--repeats", "0"], "--repeats"),
                                         (["--backends", "mxnet"], "--backends"),
                                         (["--json", "{tmp}/a-file/results.json"], "--json")])
def test_bad_arguments_get_a_one_line_error(argv, named, capsys, tmp_path):
    (tmp_path / "a-file").write_text("")  # a file where --json wants a folder
    small = ["--workloads", "tiny", "--backends", "numpy", "--dtypes", "float32", "--quick", "--in-process"]
    with pytest.raises(SystemExit) as exit_info:
        bench.main(small + [arg.format(tmp=tmp_path) for arg in argv])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert named in error and "expected" in error and "got" in error


# ---------------------------------------------------------------- no wasted work: no gradient w.r.t. X

class _CountingArray(np.ndarray):
    """An ndarray that adds 2 n k p to ``flops`` for every (n, k) @ (k, p) computed from it."""

    flops = 0

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [x.view(np.ndarray) if isinstance(x, _CountingArray) else x for x in inputs]
        if ufunc is np.matmul and method == "__call__":
            (n, k), (_, p) = plain[0].shape, plain[1].shape
            _CountingArray.flops += 2 * n * k * p
        result = getattr(ufunc, method)(*plain, **kwargs)
        return result.view(_CountingArray) if isinstance(result, np.ndarray) else result


def _numpy_flops(step):
    _CountingArray.flops = 0
    step()
    return _CountingArray.flops


@pytest.mark.parametrize("model", MODELS)
def test_numpy_computes_no_gradient_with_respect_to_X(model):
    import importlib

    module = importlib.import_module(f"impl_numpy.{model}")
    X, Y, params, kwargs = _problem(model)
    X, Y = X.view(_CountingArray), Y.view(_CountingArray)
    params = {name: value.view(_CountingArray) for name, value in params.items()}
    flops = _numpy_flops(lambda: module.train(X, Y, params, LEARNING_RATE, 2, **kwargs))
    assert flops == 2 * necessary_flops(MODELS[model][0], M)


def _torch_flops(step):
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as counter:
        step()
    return counter.get_total_flops()


@pytest.mark.parametrize("grads", ["manual", "autodiff"])
@pytest.mark.parametrize("model", MODELS)
def test_torch_computes_no_gradient_with_respect_to_X(model, grads):
    torch = pytest.importorskip("torch")
    import importlib

    module = importlib.import_module(f"impl_torch.{model}")
    train = module.train if grads == "manual" else module.train_autodiff
    X, Y, params, kwargs = _problem(model)
    X, Y = torch.as_tensor(X), torch.as_tensor(Y)
    params = {name: torch.as_tensor(value) for name, value in params.items()}
    flops = _torch_flops(lambda: train(X, Y, params, LEARNING_RATE, 2, **kwargs))
    assert flops == 2 * necessary_flops(MODELS[model][0], M)


def _jaxpr_flops(jaxpr, times=1):
    """2 x (output size) x (contracted size) for every dot_general, inside jit, scan (times its length) and the rest."""
    total = 0
    for eqn in jaxpr.eqns:
        if eqn.primitive.name == "dot_general":
            (contracting, _), _ = eqn.params["dimension_numbers"]
            lhs = eqn.invars[0].aval.shape
            total += 2 * math.prod(eqn.outvars[0].aval.shape) * math.prod(lhs[d] for d in contracting)
        repeat = eqn.params["length"] if eqn.primitive.name == "scan" else 1
        for value in eqn.params.values():
            for sub in value if isinstance(value, (tuple, list)) else (value,):
                inner = getattr(sub, "jaxpr", sub)  # ClosedJaxpr -> Jaxpr
                if hasattr(inner, "eqns"):
                    total += _jaxpr_flops(inner, repeat)
    return total * times


def _xla_flops(jitted, *args, **kwargs):
    analysis = jitted.lower(*args, **kwargs).compile().cost_analysis()
    return (analysis[0] if isinstance(analysis, list) else analysis)["flops"]


@pytest.mark.parametrize("grads", ["manual", "autodiff"])
@pytest.mark.parametrize("model", MODELS)
def test_jax_computes_no_gradient_with_respect_to_X(model, grads):
    jax = pytest.importorskip("jax")
    import importlib

    module = importlib.import_module(f"impl_jax.{model}")
    train = module.train if grads == "manual" else module.train_autodiff
    X, Y, params, kwargs = _problem(model)
    dims = MODELS[model][0]
    step = partial(train, learning_rate=LEARNING_RATE, num_iterations=2, **kwargs)
    assert _jaxpr_flops(jax.make_jaxpr(step)(X, Y, params).jaxpr) == 2 * necessary_flops(dims, M)
    # XLA's count of the compiled program (one scan body) adds the elementwise work, far less than a dX product
    xla = _xla_flops(module._gradient_descent, X, Y, params, LEARNING_RATE, 1, **kwargs, autodiff=grads == "autodiff")
    assert necessary_flops(dims, M) <= xla < necessary_flops(dims, M) + dX_flops(dims, M)


def _tf_graph_flops(graph):
    """2 n k p for every MatMul (n, k) @ (k, p) of a traced graph, transposes applied."""
    total = 0
    for op in graph.get_operations():
        assert "BatchMatMul" not in op.type and op.type != "Einsum", f"uncounted product {op.type}"
        if op.type == "MatMul":
            a, b = (list(t.shape) for t in op.inputs[:2])
            a, b = a[::-1] if op.get_attr("transpose_a") else a, b[::-1] if op.get_attr("transpose_b") else b
            total += 2 * a[0] * a[1] * b[1]
    return total


def _tf_loop_matmuls(concrete):
    """The names of the MatMul nodes in the while-loop body of a traced train."""
    bodies = [f for f in concrete.graph.as_graph_def().library.function if "while_body" in f.signature.name]
    assert len(bodies) == 1, [f.signature.name for f in bodies]
    return [node.name for node in bodies[0].node_def if node.op == "MatMul"]


@pytest.mark.parametrize("grads", ["manual", "autodiff"])
@pytest.mark.parametrize("model", MODELS)
def test_tf_computes_no_gradient_with_respect_to_X(model, grads):
    tf = pytest.importorskip("tensorflow")
    import importlib

    module = importlib.import_module(f"impl_tf.{model}")
    X, Y, params, kwargs = _problem(model)
    X, Y = tf.constant(X), tf.constant(Y)
    params = {name: tf.constant(value) for name, value in params.items()}
    dims = MODELS[model][0]
    L = len(dims) - 1

    def one_step(X, Y, params):  # the body of impl_tf's training loop, with its shapes known
        if grads == "autodiff":
            return module.autodiff_gradients(params, X, Y, **kwargs)
        _, cache = module.forward_propagation(X, params, **kwargs)
        return module.backward_propagation(params, cache, Y, **kwargs)

    graph = tf.function(one_step).get_concrete_function(X, Y, params).graph
    assert _tf_graph_flops(graph) == necessary_flops(dims, M)
    # the loop that train runs: the backward products are dW[l] for every layer and dA[l-1] for l > 1
    train = module.train if grads == "manual" else module.train_autodiff
    concrete = tf.function(lambda X, Y, p: train(X, Y, p, LEARNING_RATE, 1, **kwargs)).get_concrete_function(
        X, Y, params)
    matmuls = _tf_loop_matmuls(concrete)
    if grads == "manual":  # forward, then backward: L + (2 L - 1) products
        assert len(matmuls) == 3 * L - 1, matmuls
    else:  # the tape's products are the backward ones
        assert len([name for name in matmuls if name.startswith("gradient_tape/")]) == 2 * L - 1, matmuls


# ---------------------------------------------------------------- each counter sees a planted dX

def test_counters_see_a_planted_gradient_with_respect_to_X():
    """The same counters, asked for dX as well, count exactly one more product of dX's size."""
    dims, _ = MODELS["deep_nn"]
    X, Y, params, kwargs = _problem("deep_nn")
    expected = necessary_flops(dims, M) + dX_flops(dims, M)

    import impl_numpy.deep_nn as numpy_deep

    def numpy_with_dX():
        _, cache = numpy_deep.forward_propagation(Xc, paramsc, **kwargs)
        numpy_deep.backward_propagation(paramsc, cache, Yc, **kwargs)
        paramsc["W1"].T @ cache["Z1"]  # the planted dA[0] = W1^T dZ1, with any (n[1], m) array for dZ1
    Xc, Yc = X.view(_CountingArray), Y.view(_CountingArray)
    paramsc = {name: value.view(_CountingArray) for name, value in params.items()}
    assert _numpy_flops(numpy_with_dX) == expected

    torch = pytest.importorskip("torch")
    import impl_torch.deep_nn as torch_deep

    Xt = torch.as_tensor(X).requires_grad_()
    paramst = {name: torch.as_tensor(value).requires_grad_() for name, value in params.items()}

    def torch_with_dX():
        _, cache = torch_deep.forward_propagation(Xt, paramst, **kwargs)
        torch.autograd.grad(torch_deep.compute_cost(cache["Z3"], torch.as_tensor(Y)), [Xt, *paramst.values()])
    assert _torch_flops(torch_with_dX) == expected

    jax = pytest.importorskip("jax")
    import impl_jax.deep_nn as jax_deep

    def jax_cost(X, params):
        _, cache = jax_deep.forward_propagation(X, params, **kwargs)
        return jax_deep.compute_cost(cache["Z3"], Y)
    grad_with_dX = jax.grad(jax_cost, argnums=(0, 1))
    assert _jaxpr_flops(jax.make_jaxpr(grad_with_dX)(X, params).jaxpr) == expected

    tf = pytest.importorskip("tensorflow")
    import impl_tf.deep_nn as tf_deep

    def tf_with_dX(X, Y, params):
        with tf.GradientTape() as tape:
            tape.watch([X, params])
            _, cache = tf_deep.forward_propagation(X, params, **kwargs)
            J = tf_deep.compute_cost(cache["Z3"], Y)
        return tape.gradient(J, [X, params])
    graph = tf.function(tf_with_dX).get_concrete_function(tf.constant(X), tf.constant(Y),
                                                          {k: tf.constant(v) for k, v in params.items()}).graph
    assert _tf_graph_flops(graph) == expected
