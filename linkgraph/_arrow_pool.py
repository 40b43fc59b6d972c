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
