"""Whether a question has the machine to itself, so that its encoder may use every core.

Encoding a question on 2 cores with ONNX Runtime threads that spin between operators takes
2.5 ms where 1 core takes 4.2 ms, but it costs more CPU in all (5.0 ms), and while other
questions are in flight the spinning thread takes the core they need: 16 clients got 227
requests/s that way against 277 with one thread per question. So a question is encoded on
every core only when no other question is being answered on this machine, by any thread of
any worker of any server; otherwise on one core. :class:`CoreSessions` holds the two sessions
of one model (the MiniLM and the e5 query encoders each have one) and picks between them.

Questions in flight are counted with flock(2) on one file in the temp directory. Each
question holds a shared lock on it through its thread's own open file (flock locks belong to
an open file, so two threads of one process count as two), and :meth:`InFlight.alone` asks
for the exclusive lock without waiting, which the kernel grants only when no other holder
exists. Hand-written because nothing off the shelf counts work in flight across processes
that share no parent: a ``multiprocessing`` semaphore has to be inherited, and uvicorn spawns
its workers; Redis, which not every deployment has, would add a network hop per question.
Costs ~4 system calls, a few microseconds, per question.
"""

from __future__ import annotations

import fcntl
import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)


def default_path() -> Path:
    """The lock file shared by every server this user runs here."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"bot-questions-in-flight-{uid}.lock"


class InFlight:
    """Questions being answered on this machine, counted with flock(2) on ``path``.

    If the file cannot be opened (a read-only temp directory), every question counts as not
    alone: encoding then always takes one core, which is correct, only slower.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._local = threading.local()
        self._warned = False

    def _fd(self) -> int | None:
        fd = getattr(self._local, "fd", None)
        if fd is None:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as e:
                if not self._warned:
                    self._warned = True
                    log.warning("cannot open %s (%s): questions are encoded on one core",
                                self.path, e)
                return None
            self._local.fd = fd
        return fd

    def _held(self) -> bool:
        return getattr(self._local, "held", False)

    @contextmanager
    def question(self) -> Iterator[None]:
        """Count the question this thread answers inside the block (nesting counts once)."""
        fd = self._fd()
        if fd is None or self._held():
            yield
            return
        self._local.held = _try(fd, fcntl.LOCK_SH)  # fails only while one runs alone
        try:
            yield
        finally:
            if self._local.held:
                fcntl.flock(fd, fcntl.LOCK_UN)
                self._local.held = False

    @contextmanager
    def alone(self) -> Iterator[bool]:
        """Yield whether no other question is in flight; while True, none can start counting
        as alone either. This thread's own question, if any, stays counted afterwards."""
        fd = self._fd()
        if fd is None:
            yield False
            return
        held = self._held()
        # Converting shared to exclusive drops the shared lock first; it is taken back below.
        if not _try(fd, fcntl.LOCK_EX):
            self._local.held = held and _try(fd, fcntl.LOCK_SH)
            yield False
            return
        try:
            yield True
        finally:
            if held:  # back to shared; if another got in between, the rest goes uncounted
                self._local.held = _try(fd, fcntl.LOCK_SH)
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)


def _try(fd: int, operation: int) -> bool:
    try:
        fcntl.flock(fd, operation | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


IN_FLIGHT = InFlight()


def threads_from_env() -> int:
    """``BOT_ORT_THREADS``, else every core: the threads of a question encoded alone."""
    default = os.cpu_count() or 1
    raw = os.environ.get("BOT_ORT_THREADS", str(default)).strip() or str(default)
    try:
        threads = int(raw)
    except ValueError:
        threads = 0
    if threads < 1:
        raise ValueError(f"BOT_ORT_THREADS must be a positive integer, not {raw!r}")
    return threads


class CoreSessions:
    """Two ONNX Runtime sessions of one model: one on a single thread, and, if ``threads`` is
    above 1, one on ``threads`` threads that spin between operators and stop at the end of
    each run. :meth:`run` takes the second only while ``in_flight`` says the question is
    alone on the machine.

    ``model`` is an .onnx file or its serialised bytes (not kept). Errors from onnxruntime,
    which raises its own untyped ones, come out as ``ValueError`` naming ``what``. Safe to
    share between threads: sessions are only read.
    """

    def __init__(self, model: Path | bytes, threads: int, what: str,
                 in_flight: InFlight | None = None) -> None:
        self.threads, self.what = threads, what
        self.one = self._open(model, 1)
        self.all_cores = self._open(model, threads) if threads > 1 else None
        self.in_flight = in_flight or IN_FLIGHT

    def _open(self, model: Path | bytes, threads: int):  # -> onnxruntime.InferenceSession
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Threads spin between the ~100 operators of a run (waking a sleeping one costs more
        # than the operator), and stop spinning when the run ends: no core is taken from
        # anyone between questions.
        options.add_session_config_entry("session.intra_op.allow_spinning",
                                         "1" if threads > 1 else "0")
        options.add_session_config_entry("session.force_spinning_stop", "1")
        options.log_severity_level = 3
        try:
            return ort.InferenceSession(model if isinstance(model, bytes) else str(model),
                                        options, providers=["CPUExecutionProvider"])
        except Exception as e:
            raise ValueError(f"{self.what} cannot be loaded by onnxruntime: {e}") from e

    def run(self, feeds: dict) -> list:
        """Every output of one run of the model on ``feeds``."""
        if self.all_cores is None:
            return self.one.run(None, feeds)
        with self.in_flight.alone() as alone:
            return (self.all_cores if alone else self.one).run(None, feeds)
