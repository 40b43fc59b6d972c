"""Reading a file's next chunk on a helper thread while the caller works on this one.

The helper is a daemon thread that alone advances the chunks' iterator (and closes it), so
that the caller never waits for it to stop: on Ctrl-C or SIGTERM the command unwinds at
once, while the helper may be minutes into a chunk (200,000 rows of a workbook), and the
process exits without joining it (a thread pool's workers are joined at exit).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Any

_END = object()


def read_ahead(items: Iterator[Any]) -> Iterator[Any]:
    """The items of ``items``, the next one read on a helper thread while the caller works
    on this one: a delimited file's next chunk is parsed by Arrow (which releases the GIL)
    while this chunk's mentions are built. At most one item is read ahead; errors are
    raised where the item would have been. When the caller stops early (a row limit, an
    error, Ctrl-C), the helper finishes the item it is reading, if any, then closes
    ``items`` and ends; the caller does not wait for it."""
    done: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
    wanted = threading.Semaphore(0)  # one release per item asked for
    stop = threading.Event()

    def work() -> None:
        try:
            while wanted.acquire() and not stop.is_set():
                try:
                    item = next(items, _END)
                except BaseException as exc:  # raised to the caller, in its thread
                    done.put((False, exc))
                    return
                done.put((True, item))
                if item is _END:
                    return
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    helper = threading.Thread(target=work, name="ingest-reader", daemon=True)
    helper.start()
    wanted.release()
    try:
        while True:
            ok, item = done.get()
            if not ok:
                raise item
            if item is _END:
                return
            wanted.release()
            yield item
    finally:
        stop.set()
        wanted.release()  # a helper waiting for the next request sees `stop` and ends
