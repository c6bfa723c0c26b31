"""A per-document time limit that works in any thread, without killing the process.

``signal.alarm`` only works in the main thread (Dask runs tasks in worker threads), so the
limit is delivered as an asynchronous exception (``PyThreadState_SetAsyncExc``) to the
thread running the pipeline. It interrupts Python code (communique's components, where a
pathological document could loop for long) at the next bytecode; code running inside a
compiled extension (the parser) sees it when it returns. The local worker pool backs this
up with a hard limit: a worker that does not report within the limit plus a grace period is
killed and restarted (:mod:`communique.run.pool`).
"""

from __future__ import annotations

import ctypes
import threading
from types import TracebackType


class TimeLimitExceeded(BaseException):
    """Raised inside the pipeline when a document (or batch) exceeds its time limit.

    A ``BaseException`` on purpose: a component's ``except Exception`` must not swallow it.
    It never leaves :mod:`communique.run.batch`, which turns it into that document's failure.
    """


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


class Deadline:
    """Context manager: raise :class:`TimeLimitExceeded` in this thread after ``seconds``.

    ``seconds`` of ``None`` or ``<= 0`` disables the limit.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._done = False
        self._fired = False
        self._timer: threading.Timer | None = None
        self._thread_id = 0

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self._fired = True
            _set_async_exc(self._thread_id, TimeLimitExceeded)

    def __enter__(self) -> Deadline:
        if self.seconds is not None and self.seconds > 0:
            self._thread_id = threading.get_ident()
            self._timer = threading.Timer(self.seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._timer is None:
            return
        with self._lock:
            self._done = True
            self._timer.cancel()
            if self._fired and kind is None:
                # The exception was set but not yet raised (the block ended first): clear
                # it so it cannot fire later in unrelated code, and report the overrun.
                _set_async_exc(self._thread_id, None)
                raise TimeLimitExceeded()
