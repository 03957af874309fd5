"""A class checked on a Dask cluster: ``rosetta check --scheduler ADDRESS FOLDER``.

``executor(address)`` is the ``concurrent.futures`` executor of a ``distributed.Client`` connected to the scheduler
at ADDRESS, for ``check_files(paths, executor=...)`` (sandbox.py): each file is one task, in which a worker runs
``check_file`` as the local pool does, so the worker confines the learner's code itself (bubblewrap where it has
it) and sends back the plain ``FileReport``; ``check_files`` takes the reports in input order. The workers read
the files by the paths given, so they need nn-rosetta and the class's folder at the same paths (one machine, or a
shared file system). A check is not a pure function of its arguments (the file may change), so no result is
reused; the batch's set of paths, which every file's task carries to hide the others from its child, goes to the
cluster once rather than once per file, so a class of n files costs the scheduler n paths, not n * n.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager

TIMEOUT = 10.0  # seconds to reach the scheduler


class SharedBatch(Executor):
    """The client's executor (``client.get_executor()``), each frozenset argument (the batch) sent to the cluster
    once, as data the tasks share, instead of inside every task."""

    def __init__(self, client):
        self.client, self.tasks, self.shared = client, client.get_executor(pure=False), {}

    def submit(self, fn, /, *args, **kwargs) -> Future:
        for name, value in kwargs.items():
            if isinstance(value, frozenset):
                if value not in self.shared:
                    [self.shared[value]] = self.client.scatter([value], hash=False)  # listed: one piece, not its items
                kwargs[name] = self.shared[value]
        return self.tasks.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.tasks.shutdown(wait=wait)


@contextmanager
def executor(address: str, timeout: float | None = None) -> Iterator[Executor]:
    """The executor of a client of the scheduler at ``address`` (``tcp://host:8786``), closed when the block ends.

    A ``ValueError`` in one line when the ``cluster`` extra is missing, the address is not one, or no scheduler
    answers there within ``timeout`` seconds (default ``TIMEOUT``).
    """
    try:
        from distributed import Client
        from distributed.comm import get_address_host_port
    except ImportError:
        raise ValueError("--scheduler: a Dask cluster needs the extra: pip install 'nn-rosetta[cluster]'") from None
    timeout = TIMEOUT if timeout is None else timeout
    try:
        get_address_host_port(address)  # before the client: one that fails on the address leaves a 2 s close behind
    except ValueError as exc:
        raise ValueError(f"--scheduler: expected a scheduler's address (tcp://host:8786), got {address!r}: {exc}") \
            from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except OSError:
        raise ValueError(f"--scheduler: no Dask scheduler answered at {address} within {timeout:g} s") from None
    try:
        yield SharedBatch(client)
    finally:
        client.close()
