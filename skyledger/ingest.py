"""Ingest: inputs -> documents -> extraction -> the ledger.

    targets (paths, folders, Telegram exports, feeds, URLs)
      -> jobs, in the main process: files read, URLs fetched (skyledger.fetch),
         feeds expanded to their entries (sources.feed)
      -> extraction, in `workers` processes (or inline for one worker)
      -> Ledger.add_documents, in the main process only: the single writer,
         one transaction per batch of documents, in job order

Job order is kept from end to end, so a rerun after a crash writes the same
documents in the same order as an uninterrupted run. A batch is written
whole or not at all, so a crash loses at most the batch being written; the
rerun finds the rest unchanged. A document that cannot be read or extracted
is reported and skipped; a store failure (full disk, locked database) stops
the run, since every later write would fail too.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol, Self

from skyledger import sources
from skyledger.errors import DocumentNotFound, SkyledgerError
from skyledger.fetch import Fetched, Fetcher, FetchOptions
from skyledger.ledger_models import NewDocument
from skyledger.models import DocumentResult
from skyledger.settings import default
from skyledger.sources import feed

if TYPE_CHECKING:
    from skyledger.ledger import Ledger

__all__ = [
    "Checkpoint",
    "Done",
    "EntryJob",
    "Failed",
    "FileJob",
    "GracefulStop",
    "IngestOptions",
    "IngestSummary",
    "Ingestor",
    "Mark",
    "Reporter",
    "ingest",
    "is_url",
]

# Annotation files that sit beside documents in a corpus; never documents.
IGNORED_SUFFIXES: tuple[str, ...] = (".gold.json",)
# Jobs in flight per worker: enough to keep every worker busy while the
# writer stores a batch, few enough to bound memory on a large folder.
_IN_FLIGHT_PER_WORKER = 16
# A batch is written once it holds this many documents, or once its first
# document has waited this long: few transactions and reconciles of a group
# per run, yet progress (and what a crash can lose) stays bounded. The first
# batch is small so a run shows progress early; each next one is twice as
# large, up to the most.
BATCH_DOCUMENTS = (64, 256)  # first, most
BATCH_SECONDS = 1.0


@dataclass(frozen=True)
class IngestOptions:
    workers: int = 1
    published: date | None = None  # overrides every document's own date
    max_bytes: int = int(default("max_document_bytes"))
    encoding: str = str(default("encoding"))
    fetch: FetchOptions = field(default_factory=FetchOptions)


# A note to record once a job's document is written: (namespace, key, value).
Mark = tuple[str, str, str]


@dataclass(frozen=True)
class FileJob:
    """Raw bytes of a local file or a fetched page; `url` is set for pages."""

    source: str
    data: bytes
    kind: str | None = None
    url: str | None = None
    published: date | None = None
    source_name: str | None = None
    fetched_at: datetime | None = None
    encoding: str | None = None
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class EntryJob:
    """A feed entry without a link: its own text is the document."""

    entry: feed.FeedEntry
    feed_source: str
    source_name: str | None
    published: date | None = None
    marks: tuple[Mark, ...] = ()

    @property
    def source(self) -> str:
        return feed.entry_source(self.feed_source, self.entry)


Job = FileJob | EntryJob


@dataclass(frozen=True)
class Failed:
    """A document that could not be read, fetched or extracted."""

    source: str
    message: str
    marks: tuple[Mark, ...] = ()  # set when retrying would fail the same way


@dataclass(frozen=True)
class Checkpoint:
    """Not a document: marks to record once every job before it is written."""

    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Done:
    """An extracted document, ready for the writer."""

    job: Job
    result: DocumentResult
    text: str
    source_name: str | None


# What flows from the job producer to the writer, in order.
Item = FileJob | EntryJob | Failed | Checkpoint
Outcome = Done | Failed | Checkpoint


@dataclass
class IngestSummary:
    new: int = 0
    versions: int = 0
    unchanged: int = 0
    failed: int = 0
    attacks_created: int = 0
    attacks_updated: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    stopped: bool = False

    @property
    def documents(self) -> int:
        return self.new + self.versions + self.unchanged + self.failed

    def line(self) -> str:
        """'documents: 3 new, 0 new versions, 5 unchanged, 1 failed; attacks: ...'."""
        return (
            f"documents: {self.new} new, {self.versions} new versions, "
            f"{self.unchanged} unchanged, {self.failed} failed; "
            f"attacks: {self.attacks_created} created, {self.attacks_updated} updated"
            + ("; stopped early" if self.stopped else "")
        )


class Reporter(Protocol):
    """Progress of a run: the CLI draws a bar, tests record calls."""

    def planned(self, count: int) -> None: ...

    def finished(self, source: str, status: str, message: str) -> None: ...


class _Quiet:
    def planned(self, count: int) -> None:
        pass

    def finished(self, source: str, status: str, message: str) -> None:
        pass


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


# --- extraction (runs in the worker processes) ----------------------------------


def _export_name(data: bytes) -> str | None:
    """A Telegram export's channel name: the source that published it."""
    try:
        name = json.loads(data).get("name")
    except (ValueError, AttributeError, RecursionError):
        return None
    return name.strip() or None if isinstance(name, str) else None


def _load(job: Job, options: IngestOptions) -> sources.Loaded:
    if isinstance(job, EntryJob):
        return feed.load_entry(job.entry, job.feed_source, job.published)
    return sources.load_bytes(
        job.data,
        source=job.source,
        published=job.published,
        encoding=job.encoding or options.encoding,
        max_bytes=options.max_bytes,
        kind=job.kind,
    )


def extract_job(job: Job, options: IngestOptions) -> Done | Failed:
    """Load and extract one job; every failure becomes a Failed, never an exception."""
    from skyledger.pipeline import extract_loaded

    try:
        loaded = _load(job, options)
        result = extract_loaded(loaded, job.source)
    except SkyledgerError as exc:
        return Failed(job.source, " ".join(str(exc).split()), job.marks)
    except Exception as exc:  # noqa: BLE001  (one bad document must not end a large run)
        return Failed(job.source, f"internal error: {type(exc).__name__}: {exc}"[:300], job.marks)
    name = job.source_name
    if name is None and loaded.kind == "telegram" and isinstance(job, FileJob):
        name = _export_name(job.data)
    return Done(job, result, loaded.text, name)


def _init_worker() -> None:
    # Ctrl+C reaches the whole process group; only the main process decides
    # when to stop, between documents.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(workers: int) -> cf.ProcessPoolExecutor:
    # forkserver: workers start from a clean process, never a fork of one
    # that runs threads (the progress bar, the HTTP client); warm_worker has
    # it load the extractor's tables once, before it forks the workers.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["skyledger.warm_worker", "skyledger.ingest"])
    return cf.ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker)


def _ordered(
    items: Iterable[Item], options: IngestOptions, stop: Callable[[], bool]
) -> Iterator[Outcome]:
    """Extract jobs (in parallel with workers > 1), yielding outcomes in job order."""
    if options.workers <= 1:
        for item in items:
            if stop():
                return
            yield item if isinstance(item, Failed | Checkpoint) else extract_job(item, options)
        return
    pool = _pool(options.workers)
    window = options.workers * _IN_FLIGHT_PER_WORKER
    pending: deque[cf.Future[Done | Failed] | Failed | Checkpoint] = deque()
    try:
        for item in items:
            if stop():
                return
            if isinstance(item, Failed | Checkpoint):
                pending.append(item)
            else:
                pending.append(pool.submit(extract_job, item, options))
            while len(pending) >= window:
                yield _take(pending)
        while pending and not stop():
            yield _take(pending)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _take(pending: deque[cf.Future[Done | Failed] | Failed | Checkpoint]) -> Outcome:
    head = pending.popleft()
    return head.result() if isinstance(head, cf.Future) else head


# --- jobs (the main process) -----------------------------------------------------


def _is_document_file(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.endswith(IGNORED_SUFFIXES):
        return False
    suffix = path.suffix.lower()
    return suffix in sources.EXTENSIONS or suffix in feed.FEED_EXTENSIONS


def folder_files(folder: Path) -> list[Path]:
    """Document files under folder, recursively, in a stable order; hidden
    files and folders and annotation files are left out."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / f for f in sorted(files) if _is_document_file(Path(root) / f)]
    return found


def read_file(path: Path, max_bytes: int) -> bytes:
    """A file's bytes under the size cap; InputError subclasses on failure."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise sources.too_large(source, size, max_bytes)
        with path.open("rb") as handle:
            return sources.read_capped(handle, source, max_bytes)
    except OSError as exc:
        raise DocumentNotFound(
            f"cannot read {source} ({exc.strerror}); check the path and its permissions"
        ) from None


class Ingestor:
    """Turns targets into jobs and writes their documents, one writer.

    `fetcher` is created from options.fetch when not given (tests pass one
    over httpx.MockTransport). `stop` is polled between documents.
    """

    def __init__(
        self,
        ledger: Ledger,
        options: IngestOptions = IngestOptions(),
        *,
        fetcher: Fetcher | None = None,
        reporter: Reporter | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> None:
        self.ledger = ledger
        self.options = options
        self._own_fetcher = fetcher is None
        self._fetcher = fetcher
        self.reporter: Reporter = reporter or _Quiet()
        self.stop: Callable[[], bool] = stop or (lambda: False)
        self.on_mark: Callable[[Mark], None] = lambda mark: None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.options.fetch)
        return self._fetcher

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- targets -> jobs

    def jobs(self, targets: Iterable[str]) -> Iterator[Item]:
        for target in targets:
            if is_url(target):
                self.reporter.planned(1)
                yield from self.url_jobs(target)
            else:
                yield from self.path_jobs(Path(target))

    def path_jobs(self, path: Path) -> Iterator[Item]:
        if path.is_dir():
            files = folder_files(path)
            self.reporter.planned(len(files))
            for file in files:
                yield from self.file_jobs(file)
            return
        self.reporter.planned(1)
        yield from self.file_jobs(path)

    def file_jobs(self, path: Path, marks: tuple[Mark, ...] = ()) -> Iterator[Item]:
        source = str(path.resolve()) if path.exists() else str(path)
        try:
            data = read_file(path, self.options.max_bytes)
        except SkyledgerError as exc:
            yield Failed(source, " ".join(str(exc).split()))
            return
        suffix = path.suffix.lower()
        kind = sources.EXTENSIONS.get(suffix)
        if suffix in feed.FEED_EXTENSIONS or (kind is None and feed.is_feed(data)):
            yield from self.feed_jobs(data, source, base_url="", marks=marks)
            return
        yield FileJob(source, data, kind, published=self.options.published, marks=marks)

    def url_jobs(self, url: str, marks: tuple[Mark, ...] = ()) -> Iterator[Item]:
        try:
            page = self.fetcher.fetch(url)
        except SkyledgerError as exc:
            yield Failed(url, " ".join(str(exc).split()))
            return
        yield from self.fetched_jobs(url, page, marks)

    def fetched_jobs(
        self, url: str, page: Fetched, marks: tuple[Mark, ...] = (), *, counted: bool = True
    ) -> Iterator[Item]:
        """Jobs of a fetched URL: a feed's entries, or the page itself."""
        if feed.is_feed(page.content, page.content_type):
            yield from self.feed_jobs(
                page.content, url, base_url=page.url, marks=marks, counted=counted
            )
            return
        if not counted:
            self.reporter.planned(1)
        yield self.page_job(url, page, marks=marks)

    def page_job(
        self, url: str, page: Fetched, *, published: date | None = None,
        source_name: str | None = None, marks: tuple[Mark, ...] = (),
    ) -> FileJob:
        kind = "text" if page.content_type == "text/plain" else None
        if page.content_type == "application/json":
            kind = "telegram"
        return FileJob(
            url, page.content, kind, url=url,
            published=self.options.published or published,
            source_name=source_name, fetched_at=page.fetched_at,
            encoding=page.charset, marks=marks,
        )

    def feed_jobs(
        self, data: bytes, source: str, *, base_url: str, marks: tuple[Mark, ...] = (),
        counted: bool = True,
        accept: Callable[[feed.FeedEntry], tuple[Mark, ...] | None] | None = None,
    ) -> Iterator[Item]:
        """One job per entry. `counted`: the feed was planned as one document
        already. `accept` (watch) skips seen entries (None) and marks new ones."""
        try:
            parsed = feed.parse_feed(data, source, base_url=base_url)
        except SkyledgerError as exc:
            if not counted:
                self.reporter.planned(1)
            yield Failed(source, " ".join(str(exc).split()))
            return
        chosen = [(e, accept(e) if accept else ()) for e in parsed.entries]
        todo = [(e, m) for e, m in chosen if m is not None]
        self.reporter.planned(len(todo) - (1 if counted else 0))
        for entry, entry_marks in todo:
            yield from self.entry_jobs(parsed.title, source, entry, entry_marks or ())
        if marks:
            yield Checkpoint(marks)  # the feed is done

    def entry_jobs(
        self, title: str, source: str, entry: feed.FeedEntry, marks: tuple[Mark, ...]
    ) -> Iterator[Item]:
        if entry.link is None:
            yield EntryJob(entry, source, title, self.options.published, marks)
            return
        try:
            page = self.fetcher.fetch(entry.link)
        except SkyledgerError as exc:
            yield Failed(entry.link, " ".join(str(exc).split()))
            return
        yield self.page_job(
            entry.link, page, published=entry.published, source_name=title, marks=marks
        )

    # --- jobs -> ledger

    def run(self, jobs: Iterable[Item]) -> IngestSummary:
        """Extract and write every job; stops between documents when asked."""
        summary = IngestSummary()
        batch: list[Outcome] = []
        documents, started = 0, 0.0
        size, most = BATCH_DOCUMENTS
        for item in _ordered(jobs, self.options, self.stop):
            batch.append(item)
            if isinstance(item, Done):
                documents += 1
                started = started or time.monotonic()
            if not documents or documents >= size or (
                time.monotonic() - started >= BATCH_SECONDS
            ):
                self._flush(summary, batch)
                size = min(most, size * 2) if documents else size
                batch, documents, started = [], 0, 0.0
        self._flush(summary, batch)
        summary.stopped = self.stop()
        return summary

    def _flush(self, summary: IngestSummary, batch: list[Outcome]) -> None:
        """Write a batch's documents in one transaction, reporting each item in order
        as its document's status is known; a stop request ends the batch there.
        Marks are recorded once the transaction is committed."""
        done = [(n, item) for n, item in enumerate(batch) if isinstance(item, Done)]
        reported = 0  # items of the batch reported so far
        stopped = False

        def decided(index: int, status: str) -> bool:
            nonlocal reported, stopped
            n, item = done[index]
            self._report(summary, batch[reported:n])
            self._count(summary, item, status)
            reported = n + 1
            stopped = self.stop()
            return not stopped

        if done:
            outcome = self.ledger.add_documents([_new_document(d) for _, d in done], decided)
            summary.attacks_created += outcome.attacks_created
            summary.attacks_updated += outcome.attacks_updated
        if not stopped:
            self._report(summary, batch[reported:])
            reported = len(batch)
        for item in batch[:reported]:
            for mark in item.job.marks if isinstance(item, Done) else item.marks:
                self.on_mark(mark)

    def _report(self, summary: IngestSummary, items: list[Outcome]) -> None:
        for item in items:
            if isinstance(item, Failed):
                self._failed(summary, item)

    def _failed(self, summary: IngestSummary, item: Failed) -> None:
        summary.failed += 1
        summary.failures.append((item.source, item.message))
        self.reporter.finished(item.source, "failed", item.message)

    def _count(self, summary: IngestSummary, done: Done, status: str) -> None:
        if status == "new":
            summary.new += 1
        elif status == "version":
            summary.versions += 1
        else:
            summary.unchanged += 1
        self.reporter.finished(done.job.source, status, "")


def _new_document(done: Done) -> NewDocument:
    job = done.job
    if isinstance(job, FileJob):
        return NewDocument(
            done.result, done.text, job.data, job.url, done.source_name, job.fetched_at
        )
    return NewDocument(done.result, done.text, source_name=done.source_name)


def ingest(
    targets: Iterable[str],
    ledger: Ledger,
    options: IngestOptions = IngestOptions(),
    *,
    fetcher: Fetcher | None = None,
    reporter: Reporter | None = None,
    stop: Callable[[], bool] | None = None,
) -> IngestSummary:
    """Ingest paths, folders (recursively), Telegram exports, feeds and URLs
    into the ledger; see the module docstring for the stages."""
    with Ingestor(ledger, options, fetcher=fetcher, reporter=reporter, stop=stop) as run:
        return run.run(run.jobs(targets))


class GracefulStop:
    """SIGINT and SIGTERM ask the run to stop between documents.

    The first signal sets the flag (the document being written finishes,
    with the batch before it); a second Ctrl+C interrupts at once, which is
    still safe: each batch is one transaction. Handlers are restored on exit.
    """

    def __init__(self) -> None:
        self.event = threading.Event()
        self._previous: dict[int, Any] = {}

    def __call__(self) -> bool:
        return self.event.is_set()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.event.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.event.set()

    def __enter__(self) -> Self:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
