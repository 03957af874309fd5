"""Thread settings for bitwise-reproducible runs, and ``apply`` to set them.

Why these settings. On the CPU every operation this project uses (matrix products, sums, elementwise
functions, the seeded initializers) gives the same bits every time for a given number of threads: a product
split over threads adds its pieces in a fixed order. What can change a result between two runs is the number
of threads itself, since a sum split four ways is rounded differently from one split two ways. Each library
picks that number on its own: OpenBLAS (NumPy) and OpenMP from the cores it sees, MKL at run time when
``MKL_DYNAMIC`` is on (and MKL takes other code paths for differently aligned arrays unless ``MKL_CBWR``
asks for reproducible ones), torch from the physical cores, TensorFlow (intra-op and inter-op pools) and
XLA (JAX's compiler) from the logical cores. Two machines with different core counts, or a library that
another part of a program reconfigured, then give results a few ulp apart. ``apply`` fixes every count, and
turns on the frameworks' own determinism switches, which on the CPU change nothing for the operations used
here and make any nondeterministic operation raise instead of running:

- BLAS and OpenMP: ``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS``, ``MKL_NUM_THREADS``, ``MKL_DYNAMIC=FALSE``
  and ``MKL_CBWR=AUTO`` for libraries loaded later, and threadpoolctl for those already loaded;
- torch: ``torch.set_num_threads``, ``torch.set_num_interop_threads`` and
  ``torch.use_deterministic_algorithms(True)``;
- TensorFlow: ``TF_NUM_INTRAOP_THREADS``, ``TF_NUM_INTEROP_THREADS`` and ``TF_DETERMINISTIC_OPS=1`` before
  it starts, ``tf.config.threading.set_{intra,inter}_op_parallelism_threads`` and
  ``tf.config.experimental.enable_op_determinism()`` once it is loaded;
- JAX: ``XLA_FLAGS`` with ``--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=N``, read when
  JAX starts its CPU backend (its first computation).

Call it first, before any framework computes: the environment variables count only for a library that starts
after them, and TensorFlow's thread pools and torch's inter-op pool cannot be resized once they run (what could
not be set is listed in the result). Bitwise reproducibility also assumes the same library versions (the
constraints file pins them) and the same kind of CPU, whose vector width decides how a kernel splits a sum.

Nothing calls ``apply`` on its own: the settings are process-wide and one thread is slower for large problems,
so a program that wants them (a test session, a published comparison) opts in. Repeated runs on one machine
already give the same bits without it (tests/test_determinism.py shows both).
"""

from __future__ import annotations

import os
import sys
from typing import Any

XLA_THREAD_FLAGS = "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads={threads}"


def environment(threads: int = 1) -> dict[str, str]:
    """The environment variables ``apply`` sets, for a library that starts later (or a subprocess)."""
    n = str(threads)
    xla = " ".join(flag for flag in os.environ.get("XLA_FLAGS", "").split()
                   if not flag.lstrip("-").startswith(("xla_cpu_multi_thread_eigen", "intra_op_parallelism_threads")))
    return {
        "OMP_NUM_THREADS": n, "OPENBLAS_NUM_THREADS": n, "MKL_NUM_THREADS": n,
        "MKL_DYNAMIC": "FALSE", "MKL_CBWR": "AUTO",
        "TF_NUM_INTRAOP_THREADS": n, "TF_NUM_INTEROP_THREADS": n, "TF_DETERMINISTIC_OPS": "1",
        "XLA_FLAGS": f"{xla} {XLA_THREAD_FLAGS.format(threads=threads)}".strip(),
    }


def apply(threads: int = 1) -> dict[str, Any]:
    """Fix every library's thread count at ``threads`` and turn on determinism; returns what was set and,
    under "not_set", what had already started and could not be changed."""
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads: expected an integer >= 1, got {threads!r}")
    os.environ.update(environment(threads))
    applied: dict[str, Any] = {"threads": threads, "not_set": []}

    from threadpoolctl import threadpool_limits  # scikit-learn's dependency: always installed

    threadpool_limits(limits=threads)  # BLAS and OpenMP libraries loaded so far (NumPy's OpenBLAS, torch's OpenMP)

    if "torch" in sys.modules:
        import torch

        torch.set_num_threads(threads)
        try:
            torch.set_num_interop_threads(threads)
        except RuntimeError:  # the inter-op pool has started; this project runs nothing on it
            if torch.get_num_interop_threads() != threads:
                applied["not_set"].append("torch inter-op threads")
        torch.use_deterministic_algorithms(True)

    if "tensorflow" in sys.modules:
        import tensorflow as tf

        for name, setter, getter in (
                ("intra", tf.config.threading.set_intra_op_parallelism_threads,
                 tf.config.threading.get_intra_op_parallelism_threads),
                ("inter", tf.config.threading.set_inter_op_parallelism_threads,
                 tf.config.threading.get_inter_op_parallelism_threads)):
            try:
                setter(threads)
            except RuntimeError:  # TensorFlow's runtime has started: its pools keep their size
                if getter() != threads:
                    applied["not_set"].append(f"tensorflow {name}-op threads")
        tf.config.experimental.enable_op_determinism()

    if _jax_started():
        applied["not_set"].append("jax (XLA_FLAGS is read when JAX starts its backend)")
    return applied


def _jax_started() -> bool:
    """Whether JAX has started its backend, after which XLA_FLAGS is not read again."""
    if "jax" not in sys.modules:
        return False
    try:
        from jax._src import xla_bridge
    except ImportError:  # a JAX whose layout differs: assume the worst
        return True
    return bool(getattr(xla_bridge, "_backends", True))


def current() -> dict[str, Any]:
    """The thread counts in effect now, per library (for a report, or a test)."""
    from threadpoolctl import threadpool_info

    state: dict[str, Any] = {
        "blas_and_openmp": sorted({(info["internal_api"], info["num_threads"]) for info in threadpool_info()}),
        "environment": {name: os.environ.get(name) for name in environment()},
    }
    if "torch" in sys.modules:
        import torch

        state["torch"] = {"threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
                          "deterministic": torch.are_deterministic_algorithms_enabled()}
    if "tensorflow" in sys.modules:
        import tensorflow as tf

        state["tensorflow"] = {"intra_op_threads": tf.config.threading.get_intra_op_parallelism_threads(),
                               "inter_op_threads": tf.config.threading.get_inter_op_parallelism_threads()}
    return state
