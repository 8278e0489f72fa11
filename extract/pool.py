"""Read documents in worker processes, each document under a time limit and a memory limit.

No single file can stall or sink a build: a PDF whose objects refer to themselves in a
circle, a docx whose XML expands to gigabytes, a defect of ours that crashes the
interpreter. Each document is read by a worker process (``spawn``: a clean interpreter,
nothing inherited from Prefect's threads); the parent watches the clock and the worker's
resident memory and kills a worker that exceeds either. The document is then recorded as
failed with an issues row naming the limit (``time_limit_exceeded``,
``memory_limit_exceeded``, ``worker_crashed``), a fresh worker takes the next document,
and the build goes on. Results come back in the order of the jobs, whatever the number of
workers, so a build with 1 worker and one with N give the same dataset.

``workers=0`` reads in this process, without limits (for debugging and library use).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import multiprocessing as mp
import os
import resource
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from extract.cache import DocumentCache, KeptResult
from extract.document import DocumentResult, failed_result, read_document, unreadable_result
from extract.sources.sniff import sha256_of
from model.errors import GovperfError

POLL_SECONDS = 0.1
# reader processes that may die before taking their first document before the build gives up: past
# this, the installation (not a document) is broken, and starting more would loop forever
MAX_START_FAILURES = 3
# a worker is replaced after this many documents, so what a long-lived reader keeps (caches,
# fragmented heap) cannot build up over a large corpus
DOCS_PER_WORKER = 40


class WorkerStartError(GovperfError):
    """Reader processes die as they start: a broken installation, not a bad document."""


@dataclass(frozen=True)
class Limits:
    seconds: float = 600.0  # wall-clock time to read one document
    memory_mb: int = 2048  # resident memory of the worker reading it


@dataclass(frozen=True)
class Job:
    path: Path
    source_url: str | None = None
    ocr: bool = True  # read pages without a text layer by OCR
    sha256: str | None = None  # the file's digest, when the parent already hashed it (the cache look-up)


# on_result(index, job, result, seconds, cached): called as each document's result is known
OnResult = Callable[[int, Job, DocumentResult, float, bool], None]


# reads the jobs the cache does not hold, reporting each through the callback (a local pool by default;
# flows/build.py passes one that submits them to a Dask cluster)
PendingReader = Callable[[Sequence[Job], OnResult], None]


def read_documents(jobs: Sequence[Job], *, workers: int, limits: Limits, on_result: OnResult | None = None,
                   cache: DocumentCache | None = None, reader: PendingReader | None = None) -> list[KeptResult]:
    """Every job's result, in job order: from ``cache`` where it holds one, else read (and then cached).

    With a cache, each result's rows stay in its cache entry (:class:`KeptResult`), so reading many
    documents holds only their records in memory."""
    results: dict[int, KeptResult] = {}
    todo: list[int] = []
    hashed: dict[int, Job] = {}
    for i, job in enumerate(jobs):
        hit, job = _cached(cache, job)
        if hit is None:
            todo.append(i)
            hashed[i] = job  # carries the digest to the reader: each file is hashed once
            continue
        if on_result:
            on_result(i, job, hit, 0.0, True)
        results[i] = _kept(cache, job, hit)

    def done(k: int, job: Job, res: DocumentResult, seconds: float, _cached: bool) -> None:
        if cache is not None:
            cache.put(job.path, res, job.ocr)
        if on_result:
            on_result(todo[k], job, res, seconds, False)
        results[todo[k]] = _kept(cache, job, res)

    pending = [hashed[i] for i in todo]
    if pending:
        (reader or local_reader(workers, limits))(pending, done)
    return [results[i] for i in range(len(jobs))]


def _kept(cache: DocumentCache | None, job: Job, res: DocumentResult) -> KeptResult:
    if cache is None:
        return KeptResult.of(res)
    return cache.keep(job.path, res, job.ocr)


def local_reader(workers: int, limits: Limits) -> PendingReader:
    """Read on this machine: ``workers`` worker processes under ``limits`` (0: in this process, no limits)."""

    def read(pending: Sequence[Job], done: OnResult) -> None:
        if workers <= 0:
            _read_here(pending, done)
            return
        with _Pool(min(workers, len(pending)), limits) as pool:
            pool.run(pending, done)

    return read


_OWN_POOL: _Pool | None = None


def read_isolated(job: Job, limits: Limits) -> DocumentResult:
    """One document, read by this process's own worker (started once, reused) under ``limits``: what a
    Dask worker runs for each document. A daemonic process (a Dask worker started with the default
    ``distributed.worker.daemon: true``) may not start children: it then reads the document itself and
    the limits are the Dask worker's own (its nanny's memory limit)."""
    global _OWN_POOL
    if mp.current_process().daemon:
        return read_document(job.path, job.source_url, ocr=job.ocr, sha256=job.sha256)
    if _OWN_POOL is None or _OWN_POOL.limits != limits:
        if _OWN_POOL is not None:
            _OWN_POOL.__exit__()
        _OWN_POOL = _Pool(1, limits).__enter__()
        atexit.register(_OWN_POOL.__exit__)
    return _OWN_POOL.run([job], None)[0]


def _cached(cache: DocumentCache | None, job: Job) -> tuple[DocumentResult | None, Job]:
    """The cache's result for ``job`` if it holds one, and the job with the file's digest (when hashed)."""
    if cache is None or not cache.reuse:  # --rebuild: no look-up, so no hashing in the parent
        return None, job
    try:
        sha = sha256_of(job.path)
    except OSError:
        return None, job
    return cache.get(sha, job.path, job.source_url, job.ocr), replace(job, sha256=sha)


def _read_here(jobs: Sequence[Job], on_result: OnResult) -> None:
    for i, job in enumerate(jobs):
        t = time.monotonic()
        res = read_document(job.path, job.source_url, ocr=job.ocr, sha256=job.sha256)
        on_result(i, job, res, time.monotonic() - t, False)


# ---------------------------------------------------------------- the worker process
def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the build that started it dies (kill -9 included)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _worker_main(conn: Connection, memory_mb: int) -> None:
    _die_with_parent()
    # a backstop for an allocation faster than the parent's polling: well above the limit it enforces
    cap = (2 * memory_mb + 1024) * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    conn.send(("ready", -1, None))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        index, path, url, ocr, sha256 = msg
        try:
            res: Any = read_document(Path(path), url, ocr=ocr, sha256=sha256)
            conn.send(("ok", index, res))
        except MemoryError:
            conn.send(("memory", index, None))
            return


# ---------------------------------------------------------------- the parent's side
@dataclass
class _Worker:
    process: Any  # multiprocessing's SpawnProcess
    conn: Connection
    ready: bool = False
    job: int | None = None
    started: float = 0.0
    done: int = 0


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Pool:
    def __init__(self, size: int, limits: Limits) -> None:
        self.size = size
        self.limits = limits
        self.ctx = mp.get_context("spawn")
        self.workers: list[_Worker] = []
        self.start_failures = 0

    def __enter__(self) -> _Pool:
        self.workers = [self._start() for _ in range(self.size)]
        return self

    def __exit__(self, *exc: object) -> None:
        for w in self.workers:
            self._stop(w)

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_worker_main, args=(child, self.limits.memory_mb), daemon=True,
                             name="govperf-reader")
        p.start()
        child.close()
        return _Worker(process=p, conn=parent)

    def _stop(self, w: _Worker, kill: bool = False) -> None:
        if not kill and w.process.is_alive():
            with contextlib.suppress(OSError):
                w.conn.send(None)
            w.process.join(timeout=5)
        if w.process.is_alive():
            w.process.kill()
        w.process.join(timeout=5)
        w.conn.close()

    def _replace(self, w: _Worker, kill: bool) -> None:
        self._stop(w, kill=kill)
        self.workers[self.workers.index(w)] = self._start()

    def run(self, jobs: Sequence[Job], on_result: OnResult | None) -> list[DocumentResult]:
        """Read ``jobs``; each result goes to ``on_result`` as it comes (and is then not kept here), or,
        without one, all are returned in job order."""
        results: dict[int, DocumentResult | None] = {}
        # the largest files first (popped from the end): a long document read last would leave the other
        # workers idle while it finishes
        queue = sorted(range(len(jobs)), key=lambda i: (_size(jobs[i].path), -i))
        while len(results) < len(jobs):
            for w in self.workers:
                if w.ready and w.job is None and queue:
                    self._send(w, queue.pop(), jobs)
            self._collect(jobs, results, on_result)
        return [r for r in (results[i] for i in range(len(jobs))) if r is not None]

    def _send(self, w: _Worker, index: int, jobs: Sequence[Job]) -> None:
        job = jobs[index]
        w.job, w.started = index, time.monotonic()
        w.conn.send((index, str(job.path), job.source_url, job.ocr, job.sha256))

    def _finish(self, w: _Worker, res: DocumentResult, jobs: Sequence[Job], results: dict[int, DocumentResult | None],
                on_result: OnResult | None) -> None:
        assert w.job is not None
        index, seconds = w.job, time.monotonic() - w.started
        results[index] = None if on_result else res
        w.job = None
        w.done += 1
        if on_result:
            on_result(index, jobs[index], res, seconds, False)

    def _fail(self, w: _Worker, rule: str, reason: str, jobs: Sequence[Job], results: dict[int, DocumentResult | None],
              on_result: OnResult | None) -> None:
        assert w.job is not None
        self._finish(w, stopped_result(jobs[w.job], rule, reason), jobs, results, on_result)
        self._replace(w, kill=True)

    def _collect(self, jobs: Sequence[Job], results: dict[int, DocumentResult | None],
                 on_result: OnResult | None) -> None:
        by_conn = {id(w.conn): w for w in self.workers}
        for conn in wait([w.conn for w in self.workers], timeout=POLL_SECONDS):
            w = by_conn[id(conn)]
            try:
                kind, _index, payload = w.conn.recv()  # type: ignore[union-attr]
            except (EOFError, OSError):
                self._worker_died(w, jobs, results, on_result)
                continue
            if kind == "ready":
                w.ready = True
            elif kind == "ok":
                self._finish(w, payload, jobs, results, on_result)
                if w.done >= DOCS_PER_WORKER:
                    self._replace(w, kill=False)
            elif kind == "memory":
                self._fail(w, "memory_limit_exceeded",
                           f"reading needed more memory than the limit ({self.limits.memory_mb} MB)",
                           jobs, results, on_result)
        self._enforce_limits(jobs, results, on_result)

    def _worker_died(self, w: _Worker, jobs: Sequence[Job], results: dict[int, DocumentResult | None],
                     on_result: OnResult | None) -> None:
        w.process.join(timeout=5)
        code = w.process.exitcode
        if w.job is None:  # died before taking a document: while starting, or idle
            if not w.ready:
                self.start_failures += 1
                if self.start_failures >= MAX_START_FAILURES:
                    raise WorkerStartError(
                        f"{self.start_failures} reader processes died while starting (last exit code {code}); "
                        "is the installation broken? (`python -c 'import extract.document'` shows the error)")
            self._replace(w, kill=True)
            return
        how = f"signal {-code} ({signal.Signals(-code).name})" if code and code < 0 else f"exit code {code}"
        self._fail(w, "worker_crashed", f"the process reading the document died ({how})", jobs, results, on_result)

    def _enforce_limits(self, jobs: Sequence[Job], results: dict[int, DocumentResult | None],
                        on_result: OnResult | None) -> None:
        now = time.monotonic()
        for w in list(self.workers):
            if w.job is None:
                continue
            if now - w.started > self.limits.seconds:
                self._fail(w, "time_limit_exceeded",
                           f"reading took longer than the limit ({self.limits.seconds:g} s); stopped",
                           jobs, results, on_result)
            elif _rss_mb(w.process.pid) > self.limits.memory_mb:
                self._fail(w, "memory_limit_exceeded",
                           f"reading used more memory than the limit ({self.limits.memory_mb} MB); stopped",
                           jobs, results, on_result)


def stopped_result(job: Job, rule: str, reason: str) -> DocumentResult:
    """A document stopped by a limit or a dead worker. Made by the parent, which hashes the file but never
    parses it."""
    try:
        doc_id, size = job.sha256 or sha256_of(job.path), job.path.stat().st_size
    except OSError as exc:
        return unreadable_result(job.path, job.source_url, exc)
    return failed_result(job.path, job.source_url, rule, reason, doc_id=doc_id, size=size)


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
