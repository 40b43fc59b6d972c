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
