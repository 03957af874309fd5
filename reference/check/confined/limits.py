"""The child's own limits, set after Python, NumPy and the framework are imported and before the learner's file is
read: address space, file size, no core files, and no new processes (threads stay allowed).

No new processes is a seccomp filter (libseccomp, through ctypes): ``fork``, ``vfork`` and a ``clone`` without
``CLONE_THREAD`` fail with EPERM, ``clone3`` with ENOSYS (so that the C library falls back to ``clone``). It holds
for root too, where RLIMIT_NPROC does not. Where libseccomp is missing, RLIMIT_NPROC is all there is, and
``no_new_processes`` says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import resource

FILE_SIZE = 16 * 2**20  # bytes one file the learner's code writes may reach
_CLONE_THREAD = 0x00010000
_ALLOW = 0x7FFF0000
_MASKED_EQ = 7


def _errno(code: int) -> int:
    return 0x00050000 | (code & 0xFFFF)


class _Comparison(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64),
                ("datum_b", ctypes.c_uint64)]


def memory(megabytes: int) -> None:
    """At most ``megabytes`` of address space more than the process has now (Python, NumPy, the framework)."""
    with open("/proc/self/status") as status:
        size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def files() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE, FILE_SIZE))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def no_new_processes() -> str:
    """Forbids this process and its threads to start processes; "" when done, else what was done instead."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
    with open("/proc/loadavg") as load:  # running/total tasks of the machine: a cap above what is there now
        total = int(load.read().split()[3].split("/")[1])
    cap = total + 64 if hard == resource.RLIM_INFINITY else min(total + 64, hard)
    resource.setrlimit(resource.RLIMIT_NPROC, (cap, hard))
    name = ctypes.util.find_library("seccomp")
    if name is None:
        return "libseccomp not found: processes capped by RLIMIT_NPROC only (not for root)"
    lib = ctypes.CDLL(name)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_Comparison)]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    context = lib.seccomp_init(_ALLOW)
    if not context:
        return "seccomp_init failed: processes capped by RLIMIT_NPROC only"
    try:
        no_thread = (_Comparison * 1)(_Comparison(0, _MASKED_EQ, _CLONE_THREAD, 0))
        rules = [(b"fork", _errno(errno.EPERM), None), (b"vfork", _errno(errno.EPERM), None),
                 (b"clone", _errno(errno.EPERM), no_thread), (b"clone3", _errno(errno.ENOSYS), None)]
        for syscall, action, comparisons in rules:
            number = lib.seccomp_syscall_resolve_name(syscall)
            if number < 0:  # fork and vfork do not exist on aarch64
                continue
            if lib.seccomp_rule_add_array(context, action, number, 1 if comparisons else 0, comparisons) != 0:
                return f"seccomp could not filter {syscall.decode()}: processes capped by RLIMIT_NPROC only"
        if lib.seccomp_load(context) != 0:
            return "seccomp_load failed: processes capped by RLIMIT_NPROC only"
    finally:
        lib.seccomp_release(context)
    return ""
