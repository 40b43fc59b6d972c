"""Arrow's memory pool for the commands that move hundreds of MiB through Arrow.

pyarrow's default pool on Linux wheels is mimalloc, which on this kind of workload
(parquet reads, string kernels, pandas' Arrow-backed strings, freed and refilled step
after step) spends more time in the kernel than in the work itself: reading a
100,000-person case took 2.1 CPU-s with mimalloc and 0.6 with jemalloc, and the whole
``linkgraph resolve`` 12.8 CPU-s against 8.9, with a lower peak RSS.
"""

from __future__ import annotations

import os

#: The environment variable Arrow itself reads: a user's choice there is kept.
_ENV = "ARROW_DEFAULT_MEMORY_POOL"


def use_lean_pool() -> str:
    """Make jemalloc (else the system allocator) Arrow's default memory pool for this
    process, unless ``ARROW_DEFAULT_MEMORY_POOL`` chooses one; returns the pool's name.

    Call it once at the start of a command, before any table is read: buffers already
    allocated stay valid (each holds its own pool).
    """
    import pyarrow as pa

    if os.environ.get(_ENV):
        return pa.default_memory_pool().backend_name
    for make in (pa.jemalloc_memory_pool, pa.system_memory_pool):
        try:
            pool = make()
        except (NotImplementedError, pa.ArrowNotImplementedError):
            continue
        pa.set_memory_pool(pool)
        return pool.backend_name
    return pa.default_memory_pool().backend_name


#: jemalloc's own configuration variable in pyarrow's build: a user's choice there is kept.
_JE_ENV = "JE_ARROW_MALLOC_CONF"


def return_freed_after(ms: int) -> bool:
    """Have jemalloc give freed pages back to the system ``ms`` milliseconds after they
    were freed (``pyarrow.jemalloc_set_decay_ms``), when it is Arrow's pool and
    ``JE_ARROW_MALLOC_CONF`` does not configure it; returns whether it was set.

    pyarrow's jemalloc keeps them for a second: a command that frees and refills a few
    hundred MiB a second (a streaming ingest) then holds ~200 MiB more than it uses. A
    quarter of a second keeps most of the reuse (0 would fault every page in again: 2.5
    CPU-s more in the kernel for a million-row ingest).
    """
    import pyarrow as pa

    if os.environ.get(_JE_ENV) or pa.default_memory_pool().backend_name != "jemalloc":
        return False
    try:
        pa.jemalloc_set_decay_ms(ms)
    except (NotImplementedError, pa.ArrowNotImplementedError):
        return False
    return True


#: jemalloc's configuration for a streaming ingest's process (see keep_freed_pages).
STREAMING_CONF = "narenas:1,dirty_decay_ms:-1,muzzy_decay_ms:-1"


def keep_freed_pages() -> bool:
    """Configure jemalloc, for this command's process, to keep the pages it frees for
    reuse, in one arena, instead of giving them back to the system after a while;
    returns whether it was set (only before pyarrow is imported, and only when
    ``JE_ARROW_MALLOC_CONF`` is not set by the user).

    A streaming ingest frees and refills the same few hundred MiB every chunk (the
    Parquet writer's pages, Arrow's string kernels, the next chunk's columns). Pages
    given back are faulted in again, zeroed, at a few microseconds each: a million-row
    person list spent ~3 CPU-s of its ~11 in the kernel with the 250 ms of
    :func:`return_freed_after`. Kept, and shared by the threads through one arena, the
    process's peak is no higher (the pages are reused, not added to) and the ingest
    ~5 % faster (paired runs, farm-bench). For a command's process, which exits
    after; a library caller keeps the default.
    """
    import sys

    if "pyarrow" in sys.modules or os.environ.get(_JE_ENV):
        return False
    os.environ[_JE_ENV] = STREAMING_CONF
    return True
