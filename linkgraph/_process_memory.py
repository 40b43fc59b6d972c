"""How a ``linkgraph`` command's process gets its memory from the kernel.

Resolution, analysis and rendering allocate and drop arrays of millions of numbers
hundreds of times. Every page the kernel hands out afresh is a page fault and a page
zeroed: at a million people, resolve spent a third of its time (20–30 s) in the kernel
doing exactly that. Two process-wide settings keep that work down; they are made for the
command's process (which exits after), never for a library caller's:

- :func:`reuse_freed_memory`: glibc keeps freed blocks of up to 32 MiB for reuse;
- :data:`NO_NUMPY_HUGE_PAGES` (set by :mod:`linkgraph.cli` before numpy is imported):
  numpy does not ask for transparent huge pages, each of which the kernel zeroes whole,
  2 MiB at a time, on first touch.

:func:`freeze_loaded_objects` keeps the garbage collector from walking the imported
modules' objects again and again.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from typing import Any

#: The environment setting that keeps numpy from asking the kernel for transparent huge
#: pages for its arrays (numpy reads it when imported).
NO_NUMPY_HUGE_PAGES = ("NUMPY_MADVISE_HUGEPAGE", "0")


def reuse_freed_memory() -> bool:
    """Ask glibc's allocator to keep freed blocks of up to 32 MiB for reuse instead of
    handing each back to the kernel (its default for blocks from 128 KiB up, raised as it
    goes): every fresh page the kernel hands out again is a page fault. For a command's
    process, which exits after; ``False`` where the C library is not glibc."""
    import platform

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = _libc()
        m_trim_threshold, m_mmap_threshold = -1, -3
        ok = libc.mallopt(m_mmap_threshold, 32 << 20) == 1
        return bool(ok and libc.mallopt(m_trim_threshold, 1 << 30) == 1)
    except (OSError, AttributeError):
        return False


def freeze_loaded_objects() -> None:
    """Leave every object alive now out of the garbage collector's later passes
    (``gc.freeze``): the functions, classes and tables of the modules a command has
    imported, hundreds of thousands of objects that live as long as the process. Each
    full pass would walk them all again (a tenth of ``linkgraph demo``'s time went to
    collection passes). For a command's process, after its imports."""
    import gc

    gc.freeze()


def trim_heap() -> None:
    """Hand the free pages of the C heap back to the kernel now (glibc's
    ``malloc_trim``): after :func:`reuse_freed_memory` the heap keeps what is freed, so
    a step that frees a large array piece by piece while it fills its successor calls
    this to keep its peak at the successor and one piece. Does nothing elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        _libc().malloc_trim(0)


@functools.cache
def _libc() -> Any:
    """The C library (ctypes is imported here: ``linkgraph --help`` needs none of it)."""
    import ctypes

    return ctypes.CDLL("libc.so.6")
