"""Every backend and mode judged over the course's full runs: ``python -m benchmarks.ensemble_backends``.

For each data set (planar, breast_cancer, digits), each of the course's three runs (logistic regression 2000,
shallow network 10000, deep network 2500 iterations, from ``rosetta compare``'s defaults) and each dtype: the
harness (reference/proof/harness.py) runs every installed backend in every mode (manual, autodiff, layers) from
NumPy's starting point and judges its training run against the ensemble of NumPy runs perturbed at rounding
level. Writes benchmarks/ensemble_backends.json and prints one line per run: consistent or the first iteration
where it leaves, the largest fraction of the envelope it used, and whether its final parameters were judged by the
tolerance table (calm training) or reported. ``--ensemble-seeds 0,1,2`` judges each run against ensembles of other
perturbations too.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

import impl_numpy  # noqa: I001  (after reference: the backends import it)
from reference import available_backends, data, determinism
from reference.proof import ensemble, harness
from reference.proof.compare import MODEL_DEFAULTS

DATASETS = ("planar", "breast_cancer", "digits")
MODES = ("", ":autodiff", ":layers")


def problem(dataset: str, model: str, dtype: str) -> harness.Problem:
    X, _, y, _ = data.load(dataset, seed=0)
    spec = MODEL_DEFAULTS[model]
    params = getattr(impl_numpy, model).initialize_parameters([X.shape[1], *spec["hidden"], 1], spec["init"], 0,
                                                              "float64")
    return harness.Problem(model, X.T, y[None, :], params, spec["activation"] or "relu", dtype,
                           spec["learning_rate"], spec["num_iterations"])


def judge_all(p: harness.Problem, backends: list[str], ensemble_seeds: list[int]) -> list[dict]:
    reference = harness.run_backend(p, "numpy")
    ensembles = {}
    for seed in ensemble_seeds:
        e = ensemble.build(p.model, p.X, p.Y, p.params, p.learning_rate, p.num_iterations, p.kwargs.get("activation"),
                           p.dtype, seed=seed, reference=(reference.training_costs, reference.training_params))
        ensembles[seed] = e
    rows = []
    for name in backends:
        run = harness.run_backend(p, name)
        for seed, e in ensembles.items():
            judged = {row.quantity + ":" + row.name: row for row in harness.judge_training(run, reference, e)}
            verdict = e.judge(run.training_costs)
            rows.append({"backend": name, "ensemble_seed": seed, "consistent": verdict.consistent,
                         "first_exit": verdict.first_exit, "fraction_of_envelope": verdict.worst,
                         "final_state_judged": e.calm(reference.training_params),
                         "final_state_ok": all(row.ok for row in judged.values()),
                         "seconds": run.seconds, "ensemble_seconds": e.seconds})
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--models", default=",".join(MODEL_DEFAULTS))
    parser.add_argument("--dtypes", default="float64,float32")
    parser.add_argument("--ensemble-seeds", default="0", help="comma-separated seeds of the ensemble's perturbations")
    parser.add_argument("--out", default=str(Path(__file__).with_name("ensemble_backends.json")))
    args = parser.parse_args(argv)
    determinism.apply(threads=1)
    backends = [b + mode for b in available_backends() if b != "numpy" for mode in MODES]
    seeds = [int(s) for s in args.ensemble_seeds.split(",")]
    results = []
    start = time.perf_counter()
    for dataset in args.datasets.split(","):
        for model in args.models.split(","):
            for dtype in args.dtypes.split(","):
                for row in judge_all(problem(dataset, model, dtype), backends, seeds):
                    row.update(dataset=dataset, model=model, dtype=dtype)
                    results.append(row)
                    exit_ = "consistent" if row["consistent"] else f"leaves at {row['first_exit']}"
                    state = ("final state judged " + ("ok" if row["final_state_ok"] else "WRONG")
                             if row["final_state_judged"] else "final state reported")
                    print(f"{dataset:<13} {model:<19} {dtype} {row['backend']:<14} seed {row['ensemble_seed']}: "
                          f"{exit_:<16} {row['fraction_of_envelope']:.2f} of the envelope, {state}; "
                          f"{row['seconds']:.1f} s", flush=True)
    consistent = sum(r["consistent"] for r in results)
    summary = {"runs": len(results), "consistent": consistent, "members": ensemble.N_MEMBERS, "K": ensemble.K,
               "largest_fraction_of_envelope": max(r["fraction_of_envelope"] for r in results),
               "seconds": time.perf_counter() - start}
    print(f"{consistent} of {len(results)} runs consistent; at most "
          f"{summary['largest_fraction_of_envelope']:.2f} of the envelope; {summary['seconds']:.0f} s")
    Path(args.out).write_text(json.dumps({"summary": summary, "results": results}, indent=1,
                                         default=lambda x: x.item() if isinstance(x, np.generic) else str(x)))


if __name__ == "__main__":
    main()
