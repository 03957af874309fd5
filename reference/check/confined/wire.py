"""Plain data across the seam between the checks and the learner's functions, as JSON lines.

NumPy arrays cross as ``.npy`` bytes (base64) of a numeric or boolean dtype, read back with ``allow_pickle=False``;
NumPy's scalars as their dtype and value; Python's numbers, strings and None as themselves; tuples, lists and dicts
of these as tagged lists. Nothing else crosses, and nothing is ever unpickled: an ndarray subclass, an object with
its own ``__eq__``, anything else arrives as ``Opaque`` (its type's name and a short repr), which the judge reads
as "not numbers". ``decode`` trusts nothing it reads: a malformed value is ``Tampered``.

Every line the child writes carries the run's secret (``seal``, ``opened``): a line without it was written by the
learner's code to a descriptor it found, and is reported as tampering.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import io
import json
import math
from typing import Any, cast

import numpy as np

MAX_DEPTH = 24               # nesting of tuples, lists and dicts
MAX_LINE = 64 * 2**20        # bytes of one message
NUMERIC = "biufc"            # dtype kinds that cross: bool, int, uint, float, complex
_SCALARS = {np.dtype(t).type for t in "?bhilqBHILQefdgFDG"}


class Tampered(Exception):
    """A message that the checker's own code in the child would never write."""


class Unsendable(Exception):
    """A value that cannot cross as plain data (nested too deep)."""


MISSING = type("Missing", (), {"__repr__": lambda self: "<not computed>"})()  # a quantity the function never made


class PartialDict(dict):
    """A dict the learner's function was filling when it raised: a missing key is "not computed", not a mistake."""


class PartialList(list):
    """A list the learner's function was filling when it raised (L_model_forward's caches)."""


class Opaque:
    """A value that is not plain data, as its type's name and a short repr (and why it was refused)."""

    def __init__(self, kind: str, text: str, why: str = ""):
        self.kind, self.text, self.why = kind, text, why

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other) -> bool:
        return isinstance(other, Opaque) and (self.kind, self.text, self.why) == (other.kind, other.text, other.why)

    __hash__ = None  # type: ignore[assignment]


class Raised(Exception):
    """What a learner's function raised, as described where it ran (its frames stay there)."""

    description = ""
    partial = None  # what it had computed by then (causes.partial), or None
    kind = ""       # the exception's own class name (a learner's class derived from ValueError: its name)


def brief(value) -> str:
    try:
        text = repr(value)
    except Exception:  # a learner's __repr__ may raise
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def opaque(value) -> Opaque:
    kind = type(value).__name__
    if isinstance(value, np.ndarray) and type(value) is not np.ndarray:
        return Opaque(kind, brief(np.asarray(value)), "an ndarray subclass: refused, only plain arrays cross")
    if isinstance(value, np.ndarray):
        return Opaque(kind, brief(value))
    own_eq = type(value).__eq__ is not object.__eq__ and not isinstance(value, (int, float, str, tuple, list, dict))
    return Opaque(kind, brief(value), "an object with its own __eq__: refused" if own_eq else "")


def encode(value, depth: int = 0):
    """``value`` as JSON-ready plain data; what is not plain data becomes an opaque tag."""
    if depth > MAX_DEPTH:
        raise Unsendable(f"nested more than {MAX_DEPTH} deep")
    kind = type(value)
    if value is None or kind in (bool, str):
        return value
    if kind is int:
        return value if abs(value) < 2**53 else {"t": "int", "v": str(value)}
    if kind is float:
        return value if math.isfinite(value) else {"t": "float", "v": repr(value)}
    if kind is complex:
        return {"t": "complex", "v": [encode(value.real), encode(value.imag)]}
    if value is MISSING:
        return {"t": "missing"}
    if kind is np.ndarray and value.dtype.kind in NUMERIC:
        buffer = io.BytesIO()
        np.save(buffer, value, allow_pickle=False)
        return {"t": "nd", "v": base64.b64encode(buffer.getvalue()).decode("ascii")}
    if kind in _SCALARS:
        return {"t": "np", "dtype": value.dtype.str, "v": encode(value.item())}
    if kind in (tuple, list, PartialList):
        tags: dict[type, str] = {tuple: "tuple", list: "list", PartialList: "plist"}
        tag = tags[kind]
        return {"t": tag, "v": [encode(v, depth + 1) for v in value]}
    if kind in (dict, PartialDict):
        return {"t": "dict" if kind is dict else "pdict",
                "v": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    found = opaque(value)
    return {"t": "opaque", "kind": found.kind, "text": found.text, "why": found.why}


def _number(value, what: str):
    if type(value) not in (int, float, bool):
        raise Tampered(f"{what}: expected a number, got {type(value).__name__}")
    return value


def decode(value, depth: int = 0):
    """The value ``encode`` made, checked as it is read: anything else is Tampered."""
    if depth > MAX_DEPTH + 1:
        raise Tampered("nested too deep")
    if value is None or type(value) in (bool, int, float, str):
        return value
    if type(value) is not dict or not isinstance(value.get("t"), str):
        raise Tampered(f"not a value: {brief(value)}")
    tag, inner = value["t"], value.get("v")  # inner: what the tag says, checked below
    inner = cast(Any, inner)
    try:
        if tag == "int":
            return int(str(inner))
        if tag == "float":
            return float(str(inner))
        if tag == "complex":
            return complex(_number(decode(inner[0]), "real"), _number(decode(inner[1]), "imag"))
        if tag == "missing":
            return MISSING
        if tag == "nd":
            array = np.load(io.BytesIO(base64.b64decode(str(inner), validate=True)), allow_pickle=False)
            if type(array) is not np.ndarray or array.dtype.kind not in NUMERIC:
                raise Tampered(f"an array of dtype {array.dtype}")
            return array
        if tag == "np":
            dtype = np.dtype(str(value["dtype"]))
            if dtype.kind not in NUMERIC:
                raise Tampered(f"a scalar of dtype {dtype}")
            return dtype.type(_number(decode(inner), "scalar"))
        if tag in ("tuple", "list", "plist"):
            items = [decode(v, depth + 1) for v in list(inner)]
            return tuple(items) if tag == "tuple" else list(items) if tag == "list" else PartialList(items)
        if tag in ("dict", "pdict"):
            pairs = {_key(decode(k, depth + 1)): decode(v, depth + 1) for k, v in list(inner)}
            return dict(pairs) if tag == "dict" else PartialDict(pairs)
        if tag == "opaque":
            return Opaque(str(value["kind"])[:80], str(value["text"])[:80], str(value.get("why", ""))[:120])
    except Tampered:
        raise
    except (TypeError, ValueError, KeyError, IndexError, OverflowError, binascii.Error) as exc:
        raise Tampered(f"a malformed {tag}: {type(exc).__name__}") from None
    raise Tampered(f"an unknown tag {tag!r}")


def _key(key):
    if key is None or type(key) in (bool, int, float, str, tuple) or isinstance(key, np.generic):
        return key
    raise Tampered(f"a dict key of type {type(key).__name__}")


def seal(secret: str, message: dict) -> bytes:
    return (json.dumps({"secret": secret, **message}) + "\n").encode()


def opened(secret: str, line: bytes) -> dict:
    """One line from the child, with its secret taken off; a line without the run's secret is Tampered."""
    if len(line) > MAX_LINE:
        raise Tampered(f"a line of {len(line) / 1e6:.0f} MB on the results pipe")
    try:
        message = json.loads(line)
    except ValueError:
        raise Tampered(f"a line on the results pipe that is not the checker's: {brief(line[:60])}") from None
    if type(message) is not dict or not hmac.compare_digest(str(message.pop("secret", "")), secret):
        raise Tampered(f"a line on the results pipe without this run's secret: {brief(line[:60])}")
    return message
