"""The course's computation graph (week 2): J = 3(a + bc), forward and backward, by the chain rule by hand.

    u = b c,   v = a + u,   J = 3 v
    dJ/dv = 3,   dJ/du = dJ/dv dv/du = 3,   dJ/da = dJ/dv dv/da = 3,
    dJ/db = dJ/du du/db = 3 c,   dJ/dc = dJ/du du/dc = 3 b
"""


def computation_graph(a, b, c):
    """The forward values {u, v, J} and the backward derivatives {dv, du, da, db, dc} of J = 3(a + b c)."""
    u = b * c
    v = a + u
    J = 3 * v
    dv = 3.0          # dJ/dv
    du = dv * 1.0     # dJ/du = dJ/dv * dv/du
    da = dv * 1.0     # dJ/da = dJ/dv * dv/da
    db = du * c       # dJ/db = dJ/du * du/db
    dc = du * b       # dJ/dc = dJ/du * du/dc
    return {"u": u, "v": v, "J": J}, {"dv": dv, "du": du, "da": da, "db": db, "dc": dc}


def traced_operations(a, b, c):
    """The operations one forward and backward pass executes, in order: here the course's, as written above."""
    return ["multiply (u = b c)", "add (v = a + u)", "multiply (J = 3 v)",
            "multiply (db = du c)", "multiply (dc = du b)"]


__all__ = ["computation_graph", "traced_operations"]
