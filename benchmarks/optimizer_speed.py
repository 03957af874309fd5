"""Steps per second of mini-batch training (issue 25): each optimizer in each framework, the course's equations and the
framework's own optimizer, beside the machine's peak: ``python -m benchmarks.optimizer_speed``.

Rows: gd, momentum, rmsprop and adam; numpy, torch, tf and jax; ``manual`` (impl_*.optimizers.train, the course's
equations in the framework's ops) and ``own`` (impl_*.own_optimizers.train: torch.optim, Keras, optax in Flax NNX;
NumPy has none); float64 and float32; on two networks in mini-batches of 64:

- moons: the optimization notebook's [2, 5, 2, 1] relu on its 300 make_moons points (5 steps an epoch, the last of 44
  examples), He start of seed 3, learning rate 0.0007, the notebook's epoch seeds 11, 12, ...;
- W1: the course-1 application's [12288, 20, 7, 5, 1] relu on benchmarks/workloads.py's 209 image-like examples (4
  steps an epoch, the last of 17), its start and learning rate 0.0075.

A row's time per step is the slope between two calls of ``train`` from the same start, of EPOCHS' two lengths, each
the median of its calls (both lengths in turn, at least ``--repeats`` of each and for at least ``SECONDS``) after one
warm-up call of each (tracing, compiling: the first call's extra time over the median is ``compile s``); the slope
leaves out what a call costs once (building the framework's model and optimizer, converting the orders, dispatching
a compiled loop), which is reported as ``call ms``. The floor is the step's necessary matrix products
(workloads.matmul_flops at the batch's size, averaged over an epoch's batches) at the machine's peak rate, measured
in the same run by benchmarks/bench.py's square products, at the start and at the end; ``x floor`` is the step's time
over it. Each framework runs in its own process with its default threads; a row during which other processes used
more than 10 % of the machine is measured again in up to two later passes, and the least disturbed run kept. Writes
benchmarks/optimizer_speed.json (docs/course2.md's table, docs/cogs.py).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from . import bench
from .runners import thread_settings
from .workloads import WORKLOADS, Workload, initial_params, make_data, matmul_flops

OUT = Path(__file__).with_name("optimizer_speed.json")
FRAMEWORKS = ("numpy", "torch", "tf", "jax")
MODES = {"numpy": ("manual",), "torch": ("manual", "own"), "tf": ("manual", "own"), "jax": ("manual", "own")}
OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")
DTYPES = ("float64", "float32")
BATCH = 64
PROBLEMS = {
    "moons": Workload("moons", "deep_nn", (2, 5, 2, 1), "relu", 300, 0.0007, 5000, 0, 0,
                      "the optimization notebook's [2, 5, 2, 1] relu on 300 make_moons points"),
    "W1": WORKLOADS["W1"],
}
EPOCHS = {"moons": (2, 10), "W1": (1, 4)}  # the two calls whose difference is timed
QUICK_EPOCHS = (1, 2)
SECONDS = 0.3  # each row calls both in turn for at least this long (and at least --repeats times each)


@functools.cache
def problem(name: str):
    """X (n_x, m), Y (1, m) and the start, float64 NumPy, and the epoch seeds' orders: the notebook's for the moons."""
    w = PROBLEMS[name]
    if name == "moons":
        import impl_numpy
        from reference import data

        X_train, _, y_train, _ = data.moons()  # the notebook's points
        X, Y = X_train.T, y_train[np.newaxis, :]
        params = impl_numpy.deep_nn.initialize_parameters(list(w.layer_dims), "he", 3)  # the notebook's start
    else:
        (X, Y), params = make_data(w), initial_params(w)
    from reference.proof import minibatches

    return X, Y, params, lambda epochs: minibatches.orders(w.m, epochs)  # the notebook's seeds, 11, 12, ...


def batch_sizes(m: int) -> list[int]:
    return [min(BATCH, m - k) for k in range(0, m, BATCH)]


def flops_per_step(name: str) -> float:
    """The necessary products of a step (W[l] A[l-1], dZ[l] A[l-1]^T, W[l]^T dZ[l] for l > 1), averaged over an
    epoch's mini-batches."""
    w = PROBLEMS[name]
    sizes = batch_sizes(w.m)
    return sum(matmul_flops(replace(w, m=size)) for size in sizes) / len(sizes)


def measure_row(name, framework, mode, optimizer, dtype, timing) -> dict:
    """One row, here: a warm-up call of each of the two lengths, then calls of both in turn, at least
    ``timing["repeats"]`` of each and for at least ``timing["seconds"]``."""
    from reference.backends import get_backend

    impl = get_backend(framework)
    X, Y, params, orders = problem(name)
    train = impl.optimizers.train if mode == "manual" else impl.own_optimizers.train
    epochs = short, long = tuple(timing["epochs"][name])
    steps = len(batch_sizes(PROBLEMS[name].m))
    with impl.precision(dtype):
        X, Y = impl.asarray(X, dtype), impl.asarray(Y, dtype)
        start = {k: impl.asarray(v, dtype) for k, v in params.items()}
        order = {n: orders(n) for n in epochs}

        def call(n):
            begin = time.perf_counter()
            _, costs = train(X, Y, start, order[n], optimizer, PROBLEMS[name].learning_rate)
            costs = impl.to_numpy(costs)  # finished: the costs read back
            return time.perf_counter() - begin, float(costs[-1])

        first, _ = call(short)
        _, final_cost = call(long)
        timed: dict = {short: [], long: []}
        before, began = bench.cpu_readings(), time.perf_counter()
        while len(timed[long]) < timing["repeats"] or time.perf_counter() - began < timing["seconds"]:
            for n in epochs:
                timed[n].append(call(n)[0])
        others = bench.other_load(before, bench.cpu_readings(), time.perf_counter() - began)
    t_short, t_long = statistics.median(timed[short]), statistics.median(timed[long])
    per_step = (t_long - t_short) / ((long - short) * steps)
    return {"problem": name, "framework": framework, "mode": mode, "optimizer": optimizer, "dtype": dtype,
            "epochs": list(epochs), "steps_per_epoch": steps, "repeats": len(timed[long]),
            "times_s": {str(n): timed[n] for n in epochs}, "us_per_step": 1e6 * per_step,
            "steps_per_s": 1 / per_step if per_step > 0 else None,
            "call_ms": 1e3 * (t_short - short * steps * per_step),  # what a call costs once
            "first_call_s": first, "compile_s": max(first - t_short, 0.0), "final_cost": final_cost,
            "flops_per_step": flops_per_step(name), "other_load": others}


def add_floors(rows: list[dict], peak: dict) -> None:
    """Each row's floor, its step's necessary products at the peak rate of its dtype, and its time over it."""
    for row in rows:
        floor_us = row["flops_per_step"] / (peak[row["dtype"]]["gflops"] * 1e3)
        row["floor_us"], row["ratio_to_floor"] = floor_us, row["us_per_step"] / floor_us


KEY = ("problem", "mode", "optimizer", "dtype")  # a row of one framework


def run_framework(framework, keys, timing) -> list[dict]:
    """The rows ``keys`` (KEY tuples) of ``framework``, here."""
    rows = []
    for name, mode, optimizer, dtype in keys:
        row = measure_row(name, framework, mode, optimizer, dtype, timing)
        row["threads"] = thread_settings(framework)
        rows.append(row)
        print(f"{name} {framework} {mode} {optimizer} {dtype}: {row['us_per_step']:.1f} us/step, "
              f"other load {100 * (row['other_load'] or 0):.0f}%", file=sys.stderr, flush=True)
    return rows


def format_table(rows: list[dict]) -> str:
    """Steps per second of every row, an optimizer per column; the range of x floor and of compile s."""
    lines = ["| network | dtype | framework | mode | " + " | ".join(OPTIMIZERS) + " | x floor | compile s |",
             "|---|---|---|---|" + "---|" * (len(OPTIMIZERS) + 2)]
    for name in dict.fromkeys(r["problem"] for r in rows):
        for dtype in dict.fromkeys(r["dtype"] for r in rows):
            for framework, mode in dict.fromkeys((r["framework"], r["mode"]) for r in rows):
                mine = {r["optimizer"]: r for r in rows if (r["problem"], r["dtype"], r["framework"], r["mode"])
                        == (name, dtype, framework, mode)}
                if not mine:
                    continue
                cells = [f"{mine[o]['steps_per_s']:,.0f}" if o in mine and mine[o]["steps_per_s"] else "-"
                         for o in OPTIMIZERS]
                ratios = [r["ratio_to_floor"] for r in mine.values() if r["ratio_to_floor"]]
                compiles = [r["compile_s"] for r in mine.values()]
                lines.append(f"| {name} | {dtype} | {framework} | {mode} | " + " | ".join(cells)
                             + f" | {_span(ratios, ',.0f')} | {_span(compiles, '.2f')} |")
    return "\n".join(lines) + "\n"


def summary(document: dict) -> str:
    """The peak, each network's floor per step, and its fastest and slowest rows, in sentences."""
    peak, rows = document["peak"], document["rows"]
    lines = ["- " + bench.format_peak(peak).replace("machine peak", "the machine's peak", 1) + ";"]
    for name, problem in document["problems"].items():
        floors = ", ".join(f"{_us(problem['flops_per_step'] / (p['gflops'] * 1e3))} in {dtype}"
                           for dtype, p in peak.items())
        mine = sorted((r for r in rows if r["problem"] == name and r["steps_per_s"]), key=lambda r: -r["steps_per_s"])
        ends = [f"{r['framework']} {r['mode']} {r['optimizer']} {r['dtype']}, {r['steps_per_s']:,.0f} steps/s "
                f"({r['ratio_to_floor']:,.0f}x the floor)" for r in (mine[0], mine[-1])] if mine else ["-", "-"]
        lines.append(f"- {name} {problem['layer_dims']}, batches of {document['batch']} ({problem['batches']}): "
                     f"{problem['flops_per_step']:,.0f} flops of products a step, a floor of {floors}; fastest "
                     f"{ends[0]}, slowest {ends[1]};")
    return "\n".join(lines)[:-1] + ".\n"


def _us(us: float) -> str:
    return f"{us:.3f} us" if us < 1 else f"{us:,.0f} us"


def _span(values, spec) -> str:
    if not values:
        return "-"
    low, high = format(min(values), spec), format(max(values), spec)
    return low if low == high else f"{low} to {high}"


def _child(framework: str, keys: list, timing: dict) -> list[dict]:
    """run_framework in a fresh Python process (its stderr, the progress, passed on)."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore")
    worker = json.dumps({"framework": framework, "keys": keys, "timing": timing})
    command = [sys.executable, "-m", "benchmarks.optimizer_speed", "--worker", worker]
    proc = subprocess.run(command, cwd=bench.REPO, env=env, stdout=subprocess.PIPE, text=True, timeout=1800)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(bench.RESULT_MARK):
            return json.loads(line[len(bench.RESULT_MARK):])
    raise RuntimeError(f"{framework}: exit status {proc.returncode}, no result")


def measure_all(frameworks, problems, dtypes, timing, in_process) -> list[dict]:
    """Every row, a framework at a time; then, in up to ``timing["retries"]`` later passes (other load comes in
    bursts), the rows during which other processes used more than bench.DISTURBED of the machine again, keeping the
    least disturbed run of each."""
    def run(framework, keys):
        return run_framework(framework, keys, timing) if in_process else _child(framework, keys, timing)

    rows = []
    for framework in frameworks:
        keys = [(name, mode, optimizer, dtype) for name in problems for dtype in dtypes for mode in MODES[framework]
                for optimizer in OPTIMIZERS]
        rows += [dict(row, attempts=1) for row in run(framework, keys)]
    for _ in range(timing["retries"]):
        disturbed = [i for i, row in enumerate(rows) if (row["other_load"] or 0) > bench.DISTURBED]
        if not disturbed:
            break
        print(f"measuring {len(disturbed)} disturbed rows again", file=sys.stderr, flush=True)
        for framework in dict.fromkeys(rows[i]["framework"] for i in disturbed):
            mine = [i for i in disturbed if rows[i]["framework"] == framework]
            for i, again in zip(mine, run(framework, [[rows[i][k] for k in KEY] for i in mine]), strict=True):
                attempts = rows[i]["attempts"] + 1
                rows[i] = min(rows[i], again, key=lambda row: row["other_load"] or 0)
                rows[i]["attempts"] = attempts
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.optimizer_speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--problems", type=bench._list(tuple(PROBLEMS)), default=list(PROBLEMS))
    parser.add_argument("--frameworks", type=bench._list(FRAMEWORKS), default=list(FRAMEWORKS))
    parser.add_argument("--dtypes", type=bench._list(DTYPES), default=list(DTYPES))
    parser.add_argument("--repeats", type=bench._positive, default=None,
                        help="timed calls of each length, at least (default 3)")
    parser.add_argument("--seconds", type=float, default=None,
                        help=f"timed seconds of a row, at least (default {SECONDS})")
    parser.add_argument("--quick", action="store_true", help="1 and 2 epochs, 1 repeat: checks that everything runs")
    parser.add_argument("--retries", type=bench._nonnegative, default=2)
    parser.add_argument("--in-process", action="store_true", help="every framework here, not in its own process")
    parser.add_argument("--peak-from", type=bench._list(FRAMEWORKS), default=None,
                        help="the libraries whose square products give the peak (default: every installed one)")
    parser.add_argument("--json", default=str(OUT), help="where to write the results")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # one framework's rows, as JSON, in a child process
    args = parser.parse_args(argv)
    if args.worker:
        spec = json.loads(args.worker)
        rows = run_framework(spec["framework"], spec["keys"], spec["timing"])
        print(bench.RESULT_MARK + json.dumps(rows), flush=True)
        return 0
    epochs = {name: QUICK_EPOCHS if args.quick else EPOCHS[name] for name in args.problems}
    timing = {"repeats": args.repeats or (1 if args.quick else 3), "retries": args.retries, "epochs": epochs,
              "seconds": (0.0 if args.quick else SECONDS) if args.seconds is None else args.seconds}
    info, started = bench.machine(), time.perf_counter()
    # the machine's peak, measured now and again at the end: the faster of the two counts
    peaks = [bench.measure_peak(args.dtypes, args.quick, args.in_process, args.peak_from)]
    print(bench.format_peak(peaks[0]["peak"]), file=sys.stderr, flush=True)
    rows = measure_all(args.frameworks, args.problems, args.dtypes, timing, args.in_process)
    peaks.append(bench.measure_peak(args.dtypes, args.quick, args.in_process, args.peak_from))
    peak = bench.best_peak(peaks)
    add_floors(rows, peak)
    info["wall_s"] = time.perf_counter() - started
    command = "python -m benchmarks.optimizer_speed" + ("" if argv is None and len(sys.argv) < 2 else
                                                        " " + " ".join(sys.argv[1:] if argv is None else argv))
    document = {"command": command, "machine": info, "peak": peak, "peak_runs": peaks, "batch": BATCH,
                "problems": {name: {"layer_dims": list(PROBLEMS[name].layer_dims), "m": PROBLEMS[name].m,
                                    "learning_rate": PROBLEMS[name].learning_rate, "batches": batch_sizes(
                                        PROBLEMS[name].m), "flops_per_step": flops_per_step(name),
                                    "epochs": list(epochs[name])} for name in args.problems},
                "rows": rows}
    Path(args.json).write_text(json.dumps(document, indent=1) + "\n")
    print(summary(document))
    print(format_table(rows), end="")
    print(f"{len(rows)} rows in {info['wall_s']:.0f} s; results in {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
