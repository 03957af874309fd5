"""The one seam between the checks and a learner's functions: the checks hold ``Learner`` stand-ins, never the
functions themselves, and every use of one goes through its ``Runner`` as plain data (confined/wire.py).

A ``Learner`` is called like the function (its signature is the function's), and knows what ``facts`` the other
side sent (the globals it reads, whether the template is unfilled); ``Runner.recording`` and ``Runner.replaced``
watch the functions it calls and stand in for them. Behind the runner, a transport: ``Local`` serves a namespace
in this process (the learner's own kernel, ``%rosetta_check``; the project's own trusted code), sandbox.py's
``Child`` a confined child process. Both go through the same requests and the same encoding, so that a check
sees the same values either way.

What ends a check early (the learner's code timed out, called ``sys.exit``, killed its process, or tampered with
the messages) is a ``Stopped``, which the loop over the functions reports as that function's ERROR.
"""

from __future__ import annotations

import builtins
import contextlib
import inspect
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import cast

import numpy as np

from .confined import serve, wire
from .confined.wire import Raised

ANYTHING = "anything"  # Runner.replaced: a stand-in for a global that any use of gives back itself (serve.Anything)
CONTROL_BUDGET = 2.0   # seconds for a request that runs none of the learner's code (stop recording, restore)


class Stopped(BaseException):
    """The check of a function cannot go on: ``detail`` says why, for an ERROR on ``quantity``."""

    def __init__(self, detail: str, quantity: str = "call"):
        super().__init__(detail)
        self.detail, self.quantity = detail, quantity


@dataclass
class Call:
    name: str
    args: tuple
    kwargs: dict
    result: object


_CLASSES: dict[type, type] = {}


def _exception(builtin: str) -> type:
    """A ``Raised`` that is also the learner's exception's built-in class (``except KeyError`` still catches it)."""
    base = getattr(builtins, builtin, Exception)
    if not (isinstance(base, type) and issubclass(base, Exception)) or issubclass(base, BaseExceptionGroup):
        base = Exception
    if base not in _CLASSES:
        _CLASSES[base] = type(base.__name__, (Raised, base), {"__module__": "builtins"})
    return _CLASSES[base]


_KINDS = {name: getattr(inspect.Parameter, name)
          for name in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "KEYWORD_ONLY", "VAR_KEYWORD")}


def _signature(described) -> inspect.Signature | None:
    if described is None:
        return None
    try:
        return inspect.Signature([inspect.Parameter(str(name), _KINDS[str(kind)],
                                                    default=wire.decode(default) if has else inspect.Parameter.empty)
                                  for name, kind, has, default in described])
    except (KeyError, TypeError, ValueError, wire.Tampered):
        return None


class Learner:
    """A learner's function, as the checks see it: called through its runner, its signature and facts known."""

    def __init__(self, runner: Runner, key: str, facts: dict):
        self.runner, self.key = runner, key
        self.update(facts)

    def update(self, facts: dict) -> None:
        self.facts = facts
        self.__name__ = str(facts.get("name", self.key))
        self.__qualname__ = str(facts.get("qualname", self.__name__))
        self.__module__ = str(facts.get("module", ""))
        signature = _signature(facts.get("signature"))
        if signature is not None:
            self.__signature__ = signature

    def __call__(self, *args, **kwargs):
        """As the function itself would be called by a check: NumPy's generator seeded with 1, and the arrays it
        changes in place changed here too."""
        return self.runner.call(self, args, kwargs, in_place=True)

    def __repr__(self) -> str:
        return f"<the learner's {self.__name__}>"


class Runner:
    """The requests the checks make of a learner's functions, over a transport (``Local``, sandbox.Child)."""

    def __init__(self, transport):
        self.transport = transport
        self.callbacks: dict[str, Callable] = {}
        self.supplied: dict[str, str] = {}    # name -> how the learner's side makes it (_how)
        self.importable: dict[str, str] = {}  # likewise, for the modules named after course functions
        self.budget = float("inf")  # seconds the current function's check may still spend in the learner's code

    def learners(self, facts: dict) -> dict[str, Learner]:
        return {key: Learner(self, key, value) for key, value in facts.items()}

    def request(self, message: dict, budget: float | None = None) -> dict:
        return self.transport.request(message, self, self.budget if budget is None else budget)

    def call(self, fn: Learner, args: tuple, kwargs: dict, seed: int | None = 1, returns=None, in_place=False):
        """What ``fn`` returns on ``args``; what it raised, raised here as a ``Raised`` of the same built-in class."""
        answer = self.request({"op": "call", "function": fn.key, "args": wire.encode(tuple(args)),
                               "kwargs": wire.encode(dict(kwargs)), "seed": seed, "returns": wire.encode(returns),
                               "in_place": in_place})
        try:
            if "raised" in answer:
                raise self._raised(answer)
            value = wire.decode(answer["value"])
            for index, key, changed in answer.get("changed", []):
                target = args[int(index)] if key is None else args[int(index)][wire.decode(key)]
                new = wire.decode(changed)
                if isinstance(target, np.ndarray) and np.shape(new) == target.shape:
                    np.copyto(target, new, casting="unsafe")
        except (wire.Tampered, KeyError, TypeError, ValueError, IndexError) as exc:
            if isinstance(exc, Raised):
                raise
            raise self.transport.tampered(f"an answer the checker's side would never send ({exc})") from None
        return value

    def _raised(self, answer: dict) -> Raised:
        said = answer["raised"]
        args = [wire.decode(a) for a in said.get("args", [])]
        cls = _exception(str(said["builtin"]))
        try:
            exc = cls(*args)
        except Exception:  # a built-in class whose arguments are its own (UnicodeDecodeError)
            exc = _exception("Exception")(str(said.get("text", "")))
        exc.description, exc.kind = str(said["description"]), str(said.get("kind", ""))
        exc.partial = wire.decode(answer["partial"]) if "partial" in answer else None
        return exc

    @contextlib.contextmanager
    def recording(self, fn: Learner, per_name: int = 2) -> Iterator[list[Call]]:
        """While inside, the functions ``fn`` reads from its globals are passed through, and the first ``per_name``
        calls of each kept in call order; the list is filled on the way out, its last entry how often each was
        called (a Call named "" whose result is a dict)."""
        self.request({"op": "record", "function": fn.key, "per_name": per_name}, CONTROL_BUDGET)
        seen: list[Call] = []
        try:
            yield seen
        finally:
            if self.transport.alive:
                answer = self.request({"op": "stop"}, CONTROL_BUDGET)
                try:
                    seen += [Call(str(name), tuple(wire.decode(args)), dict(wire.decode(kwargs)), wire.decode(result))
                             for name, args, kwargs, result in answer["calls"]]
                    seen.append(Call("", (), {}, {str(k): int(v) for k, v in answer["counts"].items()}))
                except (wire.Tampered, KeyError, TypeError, ValueError) as exc:
                    raise self.transport.tampered(f"a recording the checker's side would never send ({exc})") from None

    @contextlib.contextmanager
    def replaced(self, fn: Learner, replacements: dict) -> Iterator[None]:
        """While inside, each name in ``fn``'s globals stands for its replacement: a function of this side (called
        back, its arguments and result as plain data) or ``ANYTHING``."""
        spec = {name: ANYTHING if value == ANYTHING else self._token(value) for name, value in replacements.items()}
        self.request({"op": "replace", "function": fn.key, "with": spec}, CONTROL_BUDGET)
        try:
            yield
        finally:
            if self.transport.alive:
                self.request({"op": "restore"}, CONTROL_BUDGET)

    def _token(self, fn: Callable) -> str:
        token = f"cb{len(self.callbacks)}"
        self.callbacks[token] = fn
        return token

    def supply(self, names: dict[str, object], importable: dict[str, object] | None = None) -> dict:
        """Puts the course's earlier cells' ``names`` into the learner's namespace, and makes the course functions
        of ``importable`` answer an import of a module named after them (``from sigmoid import sigmoid`` inside
        a function); the functions' facts after."""
        self.supplied = {name: self._how(name, value) for name, value in names.items()}
        self.importable = {name: self._how(name, value) for name, value in (importable or {}).items()}
        return self.resupply()

    def _how(self, name: str, value: object) -> str:
        """How the learner's side makes ``value``: a module, a course helper's function, Python 2's name, or a call
        back to this side (a graded function's course version never crosses)."""
        helpers = f"{serve.__package__}.course_helpers."
        module = getattr(value, "__module__", "") or ""
        if inspect.ismodule(value):
            return f"module:{value.__name__}"
        if module.startswith(helpers):
            return f"helper:{module.removeprefix(helpers)}.{getattr(value, '__name__', name)}"
        if name in serve._PYTHON2 and not module.startswith("reference"):
            return f"python2:{name}"
        return f"callback:{self._token(cast(Callable, value))}"

    def resupply(self) -> dict:
        """The supplied names again (a new child after one died), and the facts after."""
        if not self.supplied and not self.importable:
            return dict(self.request({"op": "facts"}, CONTROL_BUDGET)["facts"])
        return dict(self.request({"op": "supply", "names": self.supplied, "importable": self.importable},
                                 CONTROL_BUDGET)["facts"])

    def answer(self, message: dict) -> dict:
        """A call back from the learner's side: the named function of this side on the arguments sent, run with
        the learner's NumPy generator state (sent back as it is after)."""
        ours = np.random.get_state()  # noqa: NPY002
        try:
            fn = self.callbacks[str(message["callback"])]
            args, kwargs = wire.decode(message["args"]), wire.decode(message["kwargs"])
            np.random.set_state(wire.decode(message["state"]))  # noqa: NPY002
        except (wire.Tampered, KeyError, TypeError, ValueError) as exc:
            raise self.transport.tampered(f"a call back the checker's side would never make ({exc})") from None
        try:
            answer = {"value": wire.encode(fn(*args, **kwargs))}
        except Exception as exc:  # the course's function on what the learner's code passed it
            name = next(c.__name__ for c in type(exc).__mro__ if getattr(builtins, c.__name__, None) is c)
            answer = {"raised": {"builtin": name, "text": str(exc)}}
        answer["state"] = wire.encode(np.random.get_state())  # noqa: NPY002
        np.random.set_state(ours)  # noqa: NPY002
        return answer


def recording(fn: Learner, per_name: int = 2):
    """``fn``'s runner's ``recording`` (the checks hold the function, not its runner)."""
    return fn.runner.recording(fn, per_name)


def stopped(answer: dict, timeout: float | None = None) -> Stopped | None:
    """The answers that end a check: a timeout, sys.exit, another BaseException of the learner's code."""
    if answer.get("timeout"):
        return Stopped(f"timed out after {timeout:g} s (an endless loop?)" if timeout else "timed out")
    if "exit" in answer:
        return Stopped(f"called sys.exit({str(answer['exit'])[:40]}): a function must return, not end the "
                       "program")
    if "aborted" in answer:
        return Stopped(str(answer["aborted"]))
    return None


class Local:
    """A namespace served in this process: the learner's own kernel, or the project's own code. The requests and
    answers are encoded and decoded all the same, so that the checks see what they would see from a child."""

    alive = True

    def __init__(self, space: dict, framework: str = "numpy", functions: dict | None = None):
        self.server = serve.Server(space, framework, None, functions)

    @staticmethod
    def _round(message: dict) -> dict:
        return json.loads(json.dumps(message))

    def request(self, message: dict, runner: Runner, budget: float) -> dict:
        self.server.callback = lambda asked: self._round(runner.answer(self._round(asked)))
        try:
            answer = self._round(self.server.handle(self._round(message)))
        except SystemExit as exc:
            answer = {"exit": repr(exc.code)}
        except Exception as exc:  # the learner's code, around its call (a recorded callee raising)
            answer = {"aborted": f"raised {type(exc).__name__}: {wire.brief(str(exc))}"}
        stop = stopped(answer)
        if stop is not None:
            raise stop
        return answer

    def tampered(self, why: str) -> Stopped:
        return Stopped(f"tampering: {why}", "process")


def local(space: dict, framework: str = "numpy", functions: dict | None = None) -> tuple[Runner, dict[str, Learner]]:
    """A runner over ``space`` in this process (its learner's functions, or ``functions``), and those functions as
    the checks see them."""
    transport = Local(space, framework, functions)
    runner = Runner(transport)
    return runner, runner.learners(transport.server.facts())
