"""The ensemble rule's false-positive rate, measured: ``python -m benchmarks.ensemble_fpr [--seeds 50]``.

For each of the course's three runs on the planar data (logistic 2000, shallow 10000, deep 2500 iterations), in
float64 and float32, and for each seed: an ensemble of N_MEMBERS perturbed NumPy runs is built (from that seed's
initial parameters and perturbations), and every member is judged against the others (leave one out). A member is
a correct run by construction, so every "inconsistent" is a false positive. Writes benchmarks/ensemble_fpr.json
and prints one line per run: false positives / judgements, and the largest fraction of the envelope a member used.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import impl_numpy  # noqa: I001  (after reference: the backends import it)
from reference import data, determinism
from reference.proof import ensemble
from reference.proof.compare import MODEL_DEFAULTS


def measure(model: str, dtype: str, seeds: int) -> dict:
    spec = MODEL_DEFAULTS[model]
    X, _, y, _ = data.load("planar", seed=0)
    dims = [X.shape[1], *spec["hidden"], 1]
    false, judged, worst = 0, 0, 0.0
    start = time.perf_counter()
    for seed in range(seeds):
        params = getattr(impl_numpy, model).initialize_parameters(dims, spec["init"], seed, "float64")
        e = ensemble.build(model, X.T, y[None, :], params, spec["learning_rate"], spec["num_iterations"],
                           spec["activation"], dtype, seed=seed)
        verdicts = e.leave_one_out()
        false += sum(not v.consistent for v in verdicts)
        judged += len(verdicts)
        worst = max(worst, *(v.worst for v in verdicts))
    return {"model": model, "dtype": dtype, "seeds": seeds, "members": ensemble.N_MEMBERS, "false_positives": false,
            "judgements": judged, "rate": false / judged, "worst_fraction_of_envelope": worst,
            "seconds": time.perf_counter() - start}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument("--models", default=",".join(MODEL_DEFAULTS), help="comma-separated (default: all three)")
    parser.add_argument("--out", default=str(Path(__file__).with_name("ensemble_fpr.json")))
    args = parser.parse_args(argv)
    determinism.apply(threads=1)
    results = []
    for model in args.models.split(","):
        for dtype in ("float64", "float32"):
            r = measure(model, dtype, args.seeds)
            results.append(r)
            print(f"{model:<20} {dtype}  {r['false_positives']}/{r['judgements']} false positives "
                  f"({r['rate']:.2%}), a member used at most {r['worst_fraction_of_envelope']:.2f} of the "
                  f"envelope; {r['seconds']:.0f} s", flush=True)
    Path(args.out).write_text(json.dumps({"K": ensemble.K, "floor_ulps": ensemble.FLOOR_ULPS, "results": results},
                                         indent=1))


if __name__ == "__main__":
    main()
