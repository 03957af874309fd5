"""A whole training run judged against an ensemble of NumPy runs perturbed at rounding level.

Climate modelling met this problem first: chaotic codes ported to new compilers and machines, where bitwise
equality is impossible. Its answer is the Ensemble Consistency Test (CESM-ECT, the pyCECT package; Baker et al.,
GMD 2015; Milroy et al., GMD 2018): an accepted ensemble of runs perturbed at rounding level gives the model's own
variability, and a new run passes when it is indistinguishable from it, at a measured false-positive rate. Here:

- the ensemble: N_MEMBERS NumPy runs of the same problem, in the run's dtype, each with the examples in another
  order (which changes the order of every sum over them, as another framework's kernels do) and with X, the
  initial parameters and the learning rate moved by NUDGE_ULPS ulps (every entry up or down at random). The
  unperturbed NumPy run is the reference. The members differ from it by what rounding alone does to this training
  run: an ulp or two while training is calm, more where training amplifies differences (the course's flower past
  iteration 7000). X and the learning rate are moved because another correct implementation rounds differently
  at every step, not only once at the start: a division moved (``dZ1 @ (X.T / m)`` for ``(dZ1 @ X.T) / m``) is X
  rounded once more in every gradient, ``lr * (1 / m)`` for ``lr / m`` the step scaled by an ulp. Members perturbed
  at the start only never drift that way, so the rule judged a systematic difference between NumPy's rounding and
  a backend's as a bug: torch and JAX left the flower's ensemble of a NumPy rewritten as above at iteration 7697,
  and JAX, for some seeds, that of NumPy as written (benchmarks/ensemble_rewrites.py measures the ways of making
  the members, and that the float16 learning rate below is still caught; docs/proof.md shows its table);
- the band: training amplifies differences roughly monotonically, so the rule compares envelopes. D(t), the
  largest |deviation| of a run from the reference up to iteration t, must stay within K times M(t), the largest
  |deviation| of any member up to t, plus a floor of FLOOR_ULPS sqrt(m) units in the last place of the cost, m
  the number of examples (where every member agrees with the reference to the bit, as when every example's loss
  is the same, another framework's algorithm for the same sum of m terms still differs by about sqrt(m) ulps:
  JAX's by 5 ulps on 300 examples, measured). The first iteration
  where it does not is reported. A slow, systematic error (a learning rate rounded to float16, a slope of 0.0101,
  a skipped bias update) accumulates in D(t) although each single iteration's difference is inside the noise;
- the final parameters' per-layer norms are compared with the members' by the same rule and reported, not
  judged: where training amplifies rounding they are heavy-tailed (in the course's shallow run, 2 of 64 members
  left the others' envelope by their norms alone), while the cost curve already separates the slow bugs.

The false-positive rate is measured by judging each member against the others (leave one out) over many seeds:
benchmarks/ensemble_fpr.py writes it, and the README states it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

N_MEMBERS = 24       # measured: with 8, TensorFlow's autodiff on the course's float32 flower left at iteration 6949
                     # (1.29 of the envelope; 0.41 at most for any member against the other 7): its systematically
                     # different rounding (the fused logits gradient, TanhGrad) brings the run's unstable point
                     # (near 7000) a few iterations earlier than in any of those 8. With 16, correct backends still
                     # left the flower's ensemble of a NumPy rewritten in its rounding now and then; with 24 none
                     # did on the seeds measured (benchmarks/ensemble_rewrites.py, its ways "moved" and "now")
K = 4.0              # how far beyond the members' envelope a run may go. Measured with 12 members on the course's
                     # planar runs: a member judged against the others reaches at most 1.64 of their envelope,
                     # correct backends 1.77; a learning rate rounded to float16 reaches 600 (float32) to 1e11
FLOOR_ULPS = 4       # times sqrt(m) ulps: where the members agree to the bit, still rounding
NUDGE_ULPS = 1       # how far each member's X, initial parameters and learning rate are moved (see the docstring)


@dataclass(frozen=True)
class Verdict:
    consistent: bool
    first_exit: int | None      # the first iteration whose cost leaves the envelope (None: none does)
    params_outside: bool        # the final parameters' norms outside the members' (reported, not judged)
    worst: float                # the largest D(t) / (K M(t) + floor(t)): above 1 is outside
    reason: str

    def __str__(self) -> str:
        return self.reason


def nudged(values, rng: np.random.Generator, dtype: str, ulps: int = 1) -> np.ndarray:
    """Every non-zero entry of ``values`` moved ``ulps`` units in the last place of ``dtype``, each up or down at
    random. An exact zero stays zero: rounding errors are relative, and the course's zero biases moved to the
    smallest denormal would make a dead relu unit's Z = 0 + b positive, reviving it in the member (relu'(0) = 0,
    relu'(5e-324) = 1) where every framework's Z is exactly 0: Adam's normalized step turned such revivals into
    members 4e-3 apart after 20 epochs of the optimization notebook's network."""
    values = np.asarray(values, dtype=dtype)
    toward = np.where(rng.random(values.shape) < 0.5, -np.inf, np.inf).astype(dtype)
    zero = values == 0
    for _ in range(ulps):
        values = np.nextafter(values, toward)
    return np.where(zero, np.zeros((), dtype), values)


def member_problem(X, Y, params, learning_rate, rng: np.random.Generator, dtype: str, ulps: int = NUDGE_ULPS,
                   order=None):
    """One member's problem: the examples in another order (``order``, drawn from ``rng`` when not given), and X,
    every initial parameter and the learning rate (in ``dtype``) each moved by ``ulps`` ulps up or down at random."""
    order = rng.permutation(X.shape[1]) if order is None else order
    X = nudged(np.asarray(X, dtype)[:, order], rng, dtype, ulps)
    params = {key: nudged(value, rng, dtype, ulps) for key, value in params.items()}
    with np.errstate(over="ignore"):  # a learning rate past the dtype's range (1e300 in float32) stays as given
        finite = bool(np.isfinite(np.asarray(learning_rate, dtype)))
    moved = float(nudged(learning_rate, rng, dtype, ulps)) if finite else learning_rate
    return X, np.asarray(Y, dtype)[:, order], params, moved


def norms(params: dict[str, np.ndarray]) -> np.ndarray:
    """The Frobenius norm of every parameter, in the order W1, b1, W2, b2, ...: a summary of where training went."""
    L = len(params) // 2
    return np.array([np.linalg.norm(np.asarray(params[f"{p}{l}"], np.float64)) for l in range(1, L + 1)
                     for p in ("W", "b")])


@dataclass
class Ensemble:
    dtype: str
    reference: np.ndarray                 # (T,) the unperturbed NumPy run's cost curve, float64
    members: np.ndarray                   # (N, T) the members' cost curves
    reference_norms: np.ndarray           # (P,) the final parameters' norms
    member_norms: np.ndarray              # (N, P)
    m: int = 1                            # the number of examples: the length of the sums
    member_params: list[dict[str, np.ndarray]] = field(default_factory=list, repr=False)  # final, float64
    member_predictions: np.ndarray | None = field(default=None, repr=False)  # (N, m), examples in X's order
    seconds: float = 0.0

    def envelope(self, exclude: int | None = None) -> np.ndarray:
        """How far from the reference a consistent run's cost may be by each iteration: K M(t) + floor(t)."""
        return _allowed(self._others(self.members, exclude) - self.reference, self.reference, self.dtype, self.m)

    def judge(self, costs, params=None, exclude: int | None = None, norms_of_params=None) -> Verdict:
        """Whether a run (its cost curve, and its final parameters, or their norms) is consistent with the ensemble."""
        costs = np.asarray(costs, np.float64)
        if costs.shape != self.reference.shape or not np.all(np.isfinite(costs)) \
                or not np.all(np.isfinite(self.reference)):
            return Verdict(False, 0, False, float("inf"), "not finite, or not as long as NumPy's run")
        used = np.maximum.accumulate(np.abs(costs - self.reference)) / self.envelope(exclude)
        first = int(np.argmax(used > 1)) if np.any(used > 1) else None
        params_outside = False
        if params is not None or norms_of_params is not None:
            values = norms(params) if params is not None else np.asarray(norms_of_params, np.float64)
            allowed = _allowed(self._others(self.member_norms, exclude) - self.reference_norms, self.reference_norms,
                               self.dtype, self.m, running=False)
            params_outside = bool(not np.all(np.isfinite(values))
                                  or np.any(np.abs(values - self.reference_norms) > allowed))
        worst = float(used.max()) if used.size else 0.0
        if first is None:
            reason = f"consistent over all {costs.size} iterations ({worst:.2f} of the envelope at most)"
        else:
            reason = f"leaves the ensemble at iteration {first}"
        if params_outside:
            reason += "; its final parameters' norms are outside the members' (reported, not judged)"
        return Verdict(first is None, first, params_outside, worst, reason)

    def calm(self, reference_params: dict[str, np.ndarray], quantity: str = "training_params") -> bool:
        """Whether the tolerance table can judge a run's final parameters: every member's agree with the reference's
        within it (training did not amplify rounding past it), and, in float32, the run is no longer than the
        FLOAT32_TRAINING_ITERATIONS steps the table's float32 training entries are set for. The members' random
        perturbations average out, but a framework's systematic one-ulp differences add up step after step: on the
        digits data's float32 shallow run (10000 steps) JAX's autodiff ended with W1 3.6e-3 (relative) from NumPy's,
        beyond the table's 1e-3, while every member stayed within 3 % of it and its cost curve used 0.25 of the
        envelope; in float64 10000 such steps stay near 1e-12, far inside the table's 1e-9."""
        from .tolerances import FLOAT32_TRAINING_ITERATIONS, compare

        if self.dtype == "float32" and self.reference.size > FLOAT32_TRAINING_ITERATIONS:
            return False
        return all(compare(member[key], reference_params[key], self.dtype, quantity).ok
                   for member in self.member_params for key in reference_params)

    def undecided(self, reference_predictions) -> np.ndarray:
        """(m,) the examples whose predicted label some member, perturbed at rounding level, flips."""
        expected = np.asarray(reference_predictions, np.float64).reshape(-1)
        if self.member_predictions is None:
            return np.zeros(expected.shape, bool)
        return np.any(self.member_predictions != expected, axis=0)

    def leave_one_out(self) -> list[Verdict]:
        """Each member judged against the others, its cost curve and its final parameters' norms: how often a
        correct run would be called inconsistent."""
        return [self.judge(self.members[i], None, exclude=i, norms_of_params=self.member_norms[i])
                for i in range(len(self.members))]

    @staticmethod
    def _others(values: np.ndarray, exclude: int | None) -> np.ndarray:
        return values if exclude is None else np.delete(values, exclude, axis=0)


def _allowed(deviations: np.ndarray, reference: np.ndarray, dtype: str, m: int, running: bool = True) -> np.ndarray:
    """K times the members' largest |deviation| (so far, when ``running``), plus FLOOR_ULPS sqrt(m) ulps."""
    spread = np.abs(deviations).max(axis=0)
    if running:
        spread = np.maximum.accumulate(spread)
    ulp = np.spacing(np.abs(reference).astype(dtype)).astype(np.float64)
    return K * spread + FLOOR_ULPS * np.sqrt(m) * ulp


def build(model: str, X: np.ndarray, Y: np.ndarray, params: dict[str, np.ndarray], learning_rate: float,
          num_iterations: int, activation: str | None = None, dtype: str = "float64", n_members: int = N_MEMBERS,
          seed: int = 0, reference: tuple | None = None, package=None, perturb=member_problem,
          regularization: dict | None = None, optimization: tuple | None = None) -> Ensemble:
    """The reference run and ``n_members`` perturbed NumPy runs of ``model`` on X (n_x, m), Y (1, m).

    ``regularization``: course 2's lambd, keep_prob and masks (impl_numpy.regularization trains then); the dropout
    masks, one column per example, go with their examples into each member's order. ``optimization``: course 2,
    week 2's (minibatches.Optimization, the orders of the epochs), num_iterations counting epochs
    (impl_numpy.optimizers trains then); each member's orders keep the mini-batches' examples, shuffled inside
    (minibatches.member_orders).

    ``reference``: NumPy's own (costs, final params), when the caller has already trained it; ``package``: the
    NumPy backend to run (impl_numpy; a rewritten copy in the tests); ``perturb``: how a member's problem is made
    from the reference's (``member_problem``; benchmarks/ensemble_rewrites.py compares others), given the member's
    order of the examples, which build draws so that the dropout masks follow it.
    """
    import time

    if package is None:
        import impl_numpy as package

    from .minibatches import member_orders

    module = getattr(package, model if not regularization else "regularization")
    trainer = package.optimizers if optimization else module
    kwargs = {} if activation is None else {"activation": activation}
    train_kwargs = dict(regularization or {})
    masks = train_kwargs.pop("masks", None)
    X, Y = np.asarray(X, dtype), np.asarray(Y, dtype)
    start = time.perf_counter()

    def run(X_, Y_, p, alpha=learning_rate, order=None):
        if masks is not None:
            train_kwargs["masks"] = {k: np.asarray(v, dtype)[:, slice(None) if order is None else order]
                                     for k, v in masks.items()}
        if optimization:
            settings, course_orders = optimization
            orders = course_orders if order is None else member_orders(course_orders, order,
                                                                        settings.mini_batch_size, rng)
            trained, costs = trainer.train(X_, Y_, p, orders, learning_rate=alpha, **kwargs, **settings.kwargs)
        else:
            trained, costs = module.train(X_, Y_, p, alpha, num_iterations, **kwargs, **train_kwargs)
        return np.asarray(costs, np.float64), trained

    rng = np.random.default_rng(seed)
    if reference is None:
        reference_costs, reference_params = run(X, Y, {k: np.asarray(v, dtype) for k, v in params.items()})
    else:
        reference_costs, reference_params = np.asarray(reference[0], np.float64), reference[1]
    curves, finals, predictions = [], [], []
    for _ in range(n_members):
        order = rng.permutation(X.shape[1])  # the member's order of the examples, and of the masks' columns
        X_, Y_, p, alpha = perturb(X, Y, params, learning_rate, rng, dtype, order=order)
        costs, trained = run(X_, Y_, p, alpha, order)
        curves.append(costs)
        finals.append({key: np.asarray(value, np.float64) for key, value in trained.items()})
        predictions.append(np.asarray(module.predict(X, trained, **kwargs), np.float64).reshape(-1))
    return Ensemble(dtype, reference_costs, np.array(curves).reshape(n_members, -1), norms(reference_params),
                    np.array([norms(p) for p in finals]), m=X.shape[1], seconds=time.perf_counter() - start,
                    member_params=finals, member_predictions=np.array(predictions).reshape(n_members, -1))
