"""``rosetta graph MODEL``: the course's example or a model's gradient step, as each framework computes it."""

from __future__ import annotations

from pathlib import Path

from ..backends import available_backends
from ..quiet import load_backends, quiet_stderr


def command(args) -> int:
    """Print the graphs (and ``--svg`` them); 1 when one misses a course intermediate or its products differ."""
    if args.model == "example" and (args.activation or args.svg or tuple(args.modes) != ("autodiff", "manual")):
        raise ValueError("--activation, --modes and --svg: for a model's graph, not for example (J = 3(a + bc))")
    if args.model != "example" and args.values != (5.0, 3.0, 2.0):
        raise ValueError(f"--values: for example (J = 3(a + bc)) only, not for {args.model}")
    if args.model == "logistic_regression" and args.activation:
        raise ValueError(f"--activation: logistic_regression has no hidden layer (its one unit is a sigmoid), "
                         f"got {args.activation}")
    with quiet_stderr():
        backends = args.backends or available_backends()
    load_backends(backends)
    if args.model == "example":
        from . import example

        with quiet_stderr():
            results = example.evaluate(backends, *args.values)
        print(example.render(results, *args.values))
        expected = example.oracle(*args.values)
        return 0 if all(r["values"][k] == expected[k] for r in results.values() for k in expected) else 1
    from . import draw, models

    with quiet_stderr():
        explained = models.explain(args.model, backends, args.activation, args.modes)
    if not explained:
        raise ValueError(f"--modes: none of {', '.join(args.modes)} exists for {', '.join(backends)}")
    print(models.render(explained))
    if args.svg:
        folder = Path(args.svg)
        folder.mkdir(parents=True, exist_ok=True)
        for e in explained:
            path = folder / f"{args.model}_{e.graph.backend}_{e.graph.mode}.svg"
            path.write_text(draw.svg(draw.dot_source(e.graph)), encoding="utf-8")
            print(f"Wrote {path}")
    return 0 if all(e.ok for e in explained) else 1
