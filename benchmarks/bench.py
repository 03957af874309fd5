"""Benchmark every backend against two anchors (issue 7); prints a table and writes JSON.

    .venv/bin/python -m benchmarks.bench [--workloads W1,W2,W3] [--backends numpy,torch,tf,jax]
        [--dtypes float64,float32] [--modes ...] [--repeats 5] [--quick] [--in-process]
        [--json benchmarks/results.json]

Each configuration (workload, backend, mode, gradients, dtype) runs in its own Python process, so
that its peak resident memory can be read; the process also reports its memory right after the
framework's import. A configuration is timed by one warm-up call (whose extra time over the median
is reported as compile/trace time) and then ``--repeats`` calls of the workload's step count; the
figure is the median time per step. The machine's limit is its peak rate: the fastest square matrix product
(C = A B, n x n, 2 n^3 flops) of NumPy, torch, TF and JAX, each in its own process with its default threads, measured
at the start and at the end of the run; a row's floor is its step's necessary products (workloads.matmul_flops) at
that rate, and ``x floor`` its time over the floor. Two anchors run beside the backends: ``matmuls``, the products
alone back to back in NumPy, and ``sklearn``, scikit-learn's MLPClassifier doing the same
full-batch gradient descent.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import numpy as np

from .runners import (
    ANCHORS,
    BACKENDS,
    COMPILED_MODES,
    MODES,
    _machine_busy_s,
    _scheduler_totals,
    import_framework,
    measure,
    precision,
    thread_settings,
)
from .workloads import DEFAULT_WORKLOADS, WORKLOADS, matmul_flops

DTYPES = ("float64", "float32")
ALL_MODES = tuple(dict.fromkeys(mode for backend in BACKENDS for mode, _ in MODES[backend]))
RESULT_MARK = "BENCH-RESULT "
CONFIG_KEYS = ("workload", "backend", "mode", "grads", "dtype")
W1_FLOOR_TARGET, W1_SKLEARN_TARGET = 1.3, 2.0  # issue 7's targets; its "limit" is now the floor
PEAK_SIZES = (512, 1024, 2048)  # n of the square products: 2 n^3 flops on 3 n^2 numbers, compute bound
QUICK_PEAK_SIZES = (128,)
PEAK_SECONDS = 0.25  # each size is timed at least this long, and at least 5 times; the fastest product counts
DISTURBED = 0.10  # share of the machine's CPU used by other processes above which a run is repeated
REPO = Path(__file__).resolve().parent.parent


def _list(choices):  # reference/app/arguments.py's, here so that the timed children import no reference (0.7 s)
    def parse(text):
        items = [item.strip() for item in text.split(",") if item.strip()]
        unknown = [item for item in items if item not in choices]
        if unknown or not items:
            raise argparse.ArgumentTypeError(f"expected a comma-separated list of {', '.join(choices)}, got {text!r}")
        return items
    return parse


def _at_least(lowest):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = lowest - 1
        if value < lowest:
            raise argparse.ArgumentTypeError(f"expected an integer >= {lowest}, got {text!r}")
        return value
    return parse


_positive, _nonnegative = _at_least(1), _at_least(0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workloads", type=_list(tuple(WORKLOADS)), default=list(DEFAULT_WORKLOADS))
    parser.add_argument("--backends", type=_list(BACKENDS), default=list(BACKENDS))
    parser.add_argument("--dtypes", type=_list(DTYPES), default=list(DTYPES))
    parser.add_argument("--modes", type=_list(ALL_MODES), default=list(ALL_MODES),
                        help="backend modes to run (the anchors always run)")
    parser.add_argument("--repeats", type=_positive, default=None,
                        help="timed calls after the warm-up (default 7, 2 with --quick)")
    parser.add_argument("--quick", action="store_true", help="few steps per call: checks that everything runs")
    parser.add_argument("--retries", type=_nonnegative, default=2,
                        help=f"passes that run again each configuration during which other processes used more "
                             f"than {100 * DISTURBED:.0f}%% of the machine's CPU; the least disturbed run is kept "
                             "(default 2)")
    parser.add_argument("--in-process", action="store_true", help="run every configuration here (no peak memory)")
    parser.add_argument("--peak-from", type=_list(BACKENDS), default=None,
                        help="the libraries whose square products give the peak (default: every installed one)")
    parser.add_argument("--json", default=str(REPO / "benchmarks" / "results.json"), help="where to write the results")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # one configuration, as JSON, in a child process
    return parser


def configurations(args) -> list[dict]:
    """Every (workload, backend, mode, grads, dtype) to run: the anchors first, then each backend's modes."""
    configs = []
    for workload in args.workloads:
        for backend in (*ANCHORS, *args.backends):
            for mode, grads in MODES[backend]:
                if backend in ANCHORS or mode in args.modes:
                    configs += [{"workload": workload, "backend": backend, "mode": mode, "grads": grads, "dtype": d}
                                for d in args.dtypes]
    return configs


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_configuration(config: dict, iterations: int, repeats: int, track_memory: bool) -> dict:
    """Measure one configuration here; with track_memory, also this process's peak memory."""
    import_framework(config["backend"])
    import_rss = _peak_rss_mb() if track_memory else None
    workload = WORKLOADS[config["workload"]]
    result = dict(config, **measure(config["backend"], config["mode"], config["grads"], workload, config["dtype"],
                                    iterations, repeats))
    result["import_rss_mb"] = import_rss
    result["peak_rss_mb"] = _peak_rss_mb() if track_memory else None
    result["threads"] = thread_settings(config["backend"])
    return result


def run_in_child(config: dict, iterations: int, repeats: int) -> dict:
    """run_configuration in a fresh Python process, so that its peak memory is this configuration's alone."""
    return _child(dict(config, iterations=iterations, repeats=repeats), config)


def _child(spec: dict, identity: dict) -> dict:
    """``worker(spec)`` in a fresh Python process: its result, or ``identity`` with the error."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore")
    try:
        proc = subprocess.run([sys.executable, "-m", "benchmarks.bench", "--worker", json.dumps(spec)], cwd=REPO,
                              env=env, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return dict(identity, error="timed out after 600 s")
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK):])
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return dict(identity, error=f"exit status {proc.returncode}: {tail}")


def _disturbance(result: dict) -> float:
    load = result.get("other_load")
    return float("inf") if "error" in result else 0.0 if load is None else load


def retry_disturbed(results: list[dict], iterations_of, repeats: int, retries: int) -> None:
    """Run again, in up to ``retries`` later passes, each configuration that other processes disturbed; keep the least
    disturbed run. Passes rather than immediate repeats: other load tends to come in bursts."""
    for _ in range(retries):
        disturbed = [i for i, r in enumerate(results) if DISTURBED < _disturbance(r) < float("inf")]
        if not disturbed:
            return
        print(f"running {len(disturbed)} disturbed configurations again", file=sys.stderr, flush=True)
        for i in disturbed:
            config = {key: results[i][key] for key in CONFIG_KEYS}
            again = run_in_child(config, iterations_of(config), repeats)
            attempts = results[i].get("attempts", 1) + 1
            if _disturbance(again) < _disturbance(results[i]):
                again["loadavg"] = os.getloadavg()[0]
                results[i] = again
            results[i]["attempts"] = attempts
            _progress(results[i])


def _progress(result: dict) -> None:
    name = " ".join(result[key] for key in CONFIG_KEYS)
    if "error" in result:
        status = result["error"]
    else:
        others = result.get("other_load")
        status = f"{result['ms_per_iteration']:.4f} ms/iter" + ("" if others is None else
                                                                f", other load {100 * others:.0f}%")
    print(f"{name}: {status}", file=sys.stderr, flush=True)


def worker(spec_text: str) -> int:
    spec = json.loads(spec_text)
    if "peak" in spec:
        result = gemm_rates(spec["peak"], spec["dtypes"], spec["sizes"], spec["seconds"])
    else:
        iterations, repeats = spec.pop("iterations"), spec.pop("repeats")
        result = run_configuration(spec, iterations, repeats, track_memory=True)
    print(RESULT_MARK + json.dumps(result), flush=True)
    return 0


# ---------------------------------------------------------------- the machine's peak: the fastest square product

def _product(library: str, A: np.ndarray, B: np.ndarray):
    """A call computing C = A B in ``library``'s own matmul, returning when C is computed."""
    if library == "numpy":
        return lambda: A @ B
    if library == "torch":
        import torch

        tA, tB = torch.from_numpy(A), torch.from_numpy(B)
        return lambda: tA @ tB  # CPU ops run synchronously
    if library == "tf":
        import tensorflow as tf

        tA, tB = tf.constant(A), tf.constant(B)
        return lambda: tf.linalg.matmul(tA, tB)  # eager CPU ops run synchronously
    import jax
    import jax.numpy as jnp

    matmul, jA, jB = jax.jit(jnp.matmul), jnp.asarray(A), jnp.asarray(B)
    return lambda: matmul(jA, jB).block_until_ready()


def gemm_rates(library: str, dtypes, sizes, seconds: float = PEAK_SECONDS) -> dict:
    """GFLOP/s of ``library``'s fastest n x n product (2 n^3 flops) for each dtype and n, here, with the threads the
    library has; and the share of the machine's CPU that other processes used meanwhile."""
    if library != "numpy":  # NumPy's alone needs no import of reference (and scikit-learn): a second less
        from reference.quiet import load_backends

        load_backends([library])  # TF's and XLA's C++ log lines kept off stderr
    before, started = cpu_readings(), time.perf_counter()
    rates: dict = {}
    for dtype in dtypes:
        rates[dtype] = {}
        with precision(library, dtype) if library != "numpy" else contextlib.nullcontext():  # JAX's 64-bit mode
            for n in sizes:
                rng = np.random.default_rng(0)
                product = _product(library, rng.random((n, n)).astype(dtype), rng.random((n, n)).astype(dtype))
                product()  # warm up: allocation, JAX's compilation
                times: list[float] = []
                while len(times) < 5 or sum(times) < seconds:
                    start = time.perf_counter()
                    product()
                    times.append(time.perf_counter() - start)
                rates[dtype][str(n)] = 2 * n**3 / min(times) / 1e9
    others = other_load(before, cpu_readings(), time.perf_counter() - started)
    return {"library": library, "gflops": rates, "other_load": others, "threads": thread_settings(library)}


def cpu_readings() -> tuple:
    """(CPU seconds the machine has been busy, (on-CPU ns, waiting ns) of this process's threads), for other_load."""
    return _machine_busy_s(), _scheduler_totals()


def other_load(before: tuple, after: tuple, wall: float) -> float | None:
    """The share of the machine's CPU time that other processes used between two cpu_readings ``wall`` s apart."""
    (busy_before, own_before), (busy_after, own_after) = before, after
    if busy_before is None or busy_after is None or own_before is None or own_after is None:
        return None
    others = (busy_after - busy_before) - (own_after[0] - own_before[0]) / 1e9
    return max(others, 0.0) / (wall * (os.cpu_count() or 1))


def measure_peak(dtypes, quick: bool, in_process: bool, libraries=None) -> dict:
    """The square products of ``libraries`` (default: every installed one), each in a fresh process (or here,
    ``in_process``), and for each dtype the fastest: {"libraries": [gemm_rates, ...], "peak": {dtype: {"gflops",
    "library", "n"}}}."""
    from reference.backends import available_backends

    spec: dict = {"dtypes": list(dtypes), "sizes": list(QUICK_PEAK_SIZES if quick else PEAK_SIZES),
                  "seconds": 0.02 if quick else PEAK_SECONDS}
    runs = []
    for library in libraries or available_backends():
        if in_process:
            try:
                runs.append(gemm_rates(library, spec["dtypes"], spec["sizes"], spec["seconds"]))
            except Exception as error:  # one failing library must not lose the others
                runs.append({"library": library, "error": f"{type(error).__name__}: {error}".splitlines()[0]})
        else:
            runs.append(_child(dict(spec, peak=library), {"library": library}))
    return {"libraries": runs, "peak": best_peak([{"libraries": runs}])}


def best_peak(measurements: list[dict]) -> dict:
    """For each dtype, the fastest rate of any library at any size in any of the ``measurements``: other load only
    ever slows a product down, so the fastest is the best estimate of what the machine can do."""
    peak: dict = {}
    for measured in measurements:
        for run in measured["libraries"]:
            for dtype, by_size in run.get("gflops", {}).items():
                for n, gflops in by_size.items():
                    if gflops > peak.get(dtype, {}).get("gflops", 0.0):
                        peak[dtype] = {"gflops": gflops, "library": run["library"], "n": int(n)}
    return peak


def add_ratios(results: list[dict], peak: dict) -> None:
    """Each row's floor (its step's necessary products at the peak rate of its dtype), its time as a multiple of the
    floor, how many times faster than scikit-learn it is, and its GFLOP/s."""
    def sklearn_ms(row):
        for r in results:
            same = (r["backend"], r["workload"], r["dtype"]) == ("sklearn", row["workload"], row["dtype"])
            if same and "error" not in r:
                return r["ms_per_iteration"]
        return None
    for row in results:
        if "error" in row:
            continue
        ms, flops = row["ms_per_iteration"], matmul_flops(WORKLOADS[row["workload"]])
        rate, sklearn = peak.get(row["dtype"]), sklearn_ms(row)
        row["floor_ms_per_iteration"] = flops / (rate["gflops"] * 1e6) if rate else None
        row["ratio_to_floor"] = ms / row["floor_ms_per_iteration"] if rate else None
        row["speedup_over_sklearn"] = sklearn / ms if sklearn else None
        row["matmul_gflops"] = flops / (ms * 1e6)


def targets(results: list[dict]) -> dict:
    """Issue 7's targets, from this run: W1 best mode per backend vs the floor and sklearn; W2 compiled vs NumPy."""
    ok = [r for r in results if "error" not in r]
    summary: dict = {"W1": [], "W2": []}
    for dtype in DTYPES:
        for backend in BACKENDS:
            rows = [r for r in ok if (r["workload"], r["backend"], r["dtype"]) == ("W1", backend, dtype)]
            if rows:
                best = min(rows, key=lambda r: r["ms_per_iteration"])
                summary["W1"].append({
                    "backend": backend, "dtype": dtype, "best": f"{best['mode']} {best['grads']}",
                    "ms_per_iteration": best["ms_per_iteration"], "ratio_to_floor": best["ratio_to_floor"],
                    "speedup_over_sklearn": best["speedup_over_sklearn"],
                    "floor_met": best["ratio_to_floor"] is not None and best["ratio_to_floor"] <= W1_FLOOR_TARGET,
                    "sklearn_met": (best["speedup_over_sklearn"] is not None
                                    and best["speedup_over_sklearn"] >= W1_SKLEARN_TARGET)})
            numpy_rows = [r for r in ok if (r["workload"], r["backend"], r["dtype"]) == ("W2", "numpy", dtype)]
            compiled = [r for r in ok if (r["workload"], r["backend"], r["dtype"]) == ("W2", backend, dtype)
                        and r["mode"] in COMPILED_MODES]
            if numpy_rows and compiled:
                best = min(compiled, key=lambda r: r["ms_per_iteration"])
                ratio = best["ms_per_iteration"] / numpy_rows[0]["ms_per_iteration"]
                summary["W2"].append({"backend": backend, "dtype": dtype, "best": f"{best['mode']} {best['grads']}",
                                      "ms_per_iteration": best["ms_per_iteration"],
                                      "numpy_ms_per_iteration": numpy_rows[0]["ms_per_iteration"],
                                      "ratio_to_numpy": ratio, "met": ratio <= 1.0})
    return summary


def machine() -> dict:
    """CPU model, cores, memory, Python and library versions, and the load when the run started."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for dist in ("numpy", "torch", "tensorflow-cpu", "tensorflow", "jax", "jaxlib", "scikit-learn", "threadpoolctl"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_gb, 1), "platform": platform.platform(),
            "python": platform.python_version(), "versions": versions, "loadavg_start": os.getloadavg()}


def _fmt(value, spec):
    return "-" if value is None else format(value, spec)


def format_peak(peak: dict) -> str:
    """The peak rate of each dtype, and the library and n that reached it."""
    return "machine peak (fastest square product): " + ", ".join(
        f"{dtype} {p['gflops']:.1f} GFLOP/s ({p['library']}, n = {p['n']})" for dtype, p in peak.items())


def format_table(results: list[dict]) -> str:
    """One markdown table of every configuration, in run order."""
    head = ("| workload | backend | mode | grads | dtype | ms/iter | x floor | x faster than sklearn | GFLOP/s "
            "| first call s | compile s | peak MB | - import MB | other load % |")
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for r in results:
        key = f"| {r['workload']} | {r['backend']} | {r['mode']} | {r['grads']} | {r['dtype']} "
        if "error" in r:
            lines.append(key + f"| failed: {r['error'][:80]} |" + " |" * 8)
            continue
        mem, others = r.get("peak_rss_mb"), r.get("other_load")
        delta = None if mem is None else mem - r["import_rss_mb"]
        lines.append(key + f"| {_fmt(r['ms_per_iteration'], '.3f')} | {_fmt(r.get('ratio_to_floor'), '.2f')} "
                     f"| {_fmt(r.get('speedup_over_sklearn'), '.2f')} | {_fmt(r.get('matmul_gflops'), '.1f')} "
                     f"| {_fmt(r['first_call_s'], '.2f')} | {_fmt(r['compile_s'], '.2f')} "
                     f"| {_fmt(mem, '.0f')} | {_fmt(delta, '.0f')} "
                     f"| {_fmt(None if others is None else 100 * others, '.0f')} |")
    return "\n".join(lines)


MODE_NAMES = {"compile": "compile", "function": "tf.function", "jit-scan": "jit"}  # the modes as the table names them


def _ms(ms: float) -> str:
    return f"{ms:.2f} ms" if ms >= 1 else f"{ms:.3f} ms" if ms >= 0.01 else f"{1e3 * ms:.2f} us"


def best_modes_table(results: list[dict], workloads=("W1", "W2")) -> str:
    """The README's and docs/speed.md's table: each backend's fastest mode per workload and dtype, its time over the
    floor (the step's necessary products at the machine's peak rate), beside the floor and scikit-learn."""
    lines = ["| workload | dtype | floor (peak GEMM rate) | scikit-learn | numpy | torch | tf | jax |",
             "|---|---|---|---|---|---|---|---|"]
    for name in workloads:
        w = WORKLOADS[name]
        label = f"{name} {list(w.layer_dims)} {w.activation}, m = {w.m}"
        for dtype in DTYPES:
            mine = [r for r in results if (r["workload"], r["dtype"]) == (name, dtype) and "error" not in r]
            floors = {r["floor_ms_per_iteration"] for r in mine}
            cells = [label, dtype, _ms(floors.pop()) if len(floors) == 1 and None not in floors else "-"]
            for backend in ("sklearn", *BACKENDS):
                rows = [r for r in mine if r["backend"] == backend]
                if not rows:
                    cells.append("-")
                    continue
                best = min(rows, key=lambda r: r["ms_per_iteration"])
                ratio = best["ratio_to_floor"]
                notes = [] if ratio is None else [f"{ratio:.2f}x" if ratio < 10 else f"{ratio:,.0f}x"]
                notes += [MODE_NAMES[best["mode"]]] if best["mode"] in MODE_NAMES else []
                cells.append(_ms(best["ms_per_iteration"]) + (f" ({', '.join(notes)})" if notes else ""))
            lines.append("".join(f"| {cell} " for cell in cells) + "|")
            label = name
    return "\n".join(lines) + "\n"


def format_targets(summary: dict) -> str:
    lines = [f"W1 targets: best mode within {W1_FLOOR_TARGET}x of the floor, at least {W1_SKLEARN_TARGET}x faster "
             "than scikit-learn"]
    for t in summary["W1"]:
        lines.append(f"  {t['backend']:<6} {t['dtype']:<8} {t['best']:<20} {_fmt(t['ratio_to_floor'], '.2f')}x floor "
                     f"({'met' if t['floor_met'] else 'NOT met'}), {_fmt(t['speedup_over_sklearn'], '.2f')}x faster "
                     f"than sklearn ({'met' if t['sklearn_met'] else 'NOT met'})")
    lines.append("W2 target: each compiled backend's best mode at or below NumPy's time per iteration")
    for t in summary["W2"]:
        lines.append(f"  {t['backend']:<6} {t['dtype']:<8} {t['best']:<20} {t['ms_per_iteration']:.4f} ms vs NumPy "
                     f"{t['numpy_ms_per_iteration']:.4f} ms = {t['ratio_to_numpy']:.2f}x "
                     f"({'met' if t['met'] else 'NOT met'})")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker)
    json_path = Path(args.json)
    existed = json_path.exists()
    try:  # before the run, not after it
        json_path.parent.mkdir(parents=True, exist_ok=True)
        with open(json_path, "a"):
            pass
    except OSError as error:
        parser.error(f"--json: expected a writable file path, got {args.json!r} ({error.strerror})")
    if not existed:
        json_path.unlink()
    repeats = args.repeats or (2 if args.quick else 7)
    info = machine()
    started = time.perf_counter()
    # the machine's peak, measured now and again at the end: the faster of the two counts
    peaks = [measure_peak(args.dtypes, args.quick, args.in_process, args.peak_from)]
    print(format_peak(peaks[0]["peak"]), file=sys.stderr, flush=True)
    results = []

    def iterations_of(config):
        workload = WORKLOADS[config["workload"]]
        return workload.quick_iterations if args.quick else workload.iterations

    for config in configurations(args):
        if args.in_process:
            try:
                result = run_configuration(config, iterations_of(config), repeats, track_memory=False)
            except Exception as error:  # one failing configuration must not lose the others
                result = dict(config, error=f"{type(error).__name__}: {error}".splitlines()[0])
        else:
            result = run_in_child(config, iterations_of(config), repeats)
        result["loadavg"] = os.getloadavg()[0]
        results.append(result)
        _progress(result)
    if not args.in_process:
        retry_disturbed(results, iterations_of, repeats, args.retries)
    peaks.append(measure_peak(args.dtypes, args.quick, args.in_process, args.peak_from))
    peak = best_peak(peaks)
    add_ratios(results, peak)
    summary = targets(results)
    info["loadavg_end"] = os.getloadavg()
    info["wall_s"] = time.perf_counter() - started
    command = "python -m benchmarks.bench" + ("" if argv is None and len(sys.argv) < 2 else
                                             " " + " ".join(sys.argv[1:] if argv is None else argv))
    output = {"command": command, "machine": info, "repeats": repeats, "quick": args.quick,
              "workloads": {name: vars(WORKLOADS[name]) for name in args.workloads},
              "peak": peak, "peak_runs": peaks, "results": results, "targets": summary}
    json_path.write_text(json.dumps(output, indent=1, default=list) + "\n")
    print(format_peak(peak))
    print()
    print(format_table(results))
    print()
    print(format_targets(summary))
    print()
    print(best_modes_table(results), end="")
    print(f"\n{len(results)} configurations in {info['wall_s']:.0f} s; results in {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
