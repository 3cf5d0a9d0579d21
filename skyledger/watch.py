"""Watch: the ledger follows its sources.

    every source (feed URL, page URL, folder) is polled every `every` seconds
      feed/page: a conditional request (the last ETag / Last-Modified);
                 304 -> nothing to do; a feed's entries already seen are skipped
      folder:    files new or changed (mtime, size) since the last poll
      -> the documents go through skyledger.ingest (same workers, one writer)
    a failing source waits longer each time (every * 2^failures, capped)

What a poll has seen is recorded only after its documents are written, so
stopping (Ctrl+C, SIGTERM, or a crash) loses nothing: the next run fetches
again whatever was not yet in the ledger. With `state_path` the record
survives restarts (a JSON file, replaced atomically).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skyledger.errors import SkyledgerError, UsageError
from skyledger.fetch import Fetched
from skyledger.ingest import (
    IngestOptions,
    Ingestor,
    IngestSummary,
    Item,
    Mark,
    Reporter,
    folder_files,
    is_url,
)
from skyledger.sources import feed

if TYPE_CHECKING:
    from skyledger.ledger import Ledger

__all__ = ["WatchState", "Watched", "Watcher", "backoff", "parse_every"]

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")
# However often a source fails, it is tried again at least this often (or
# every `every`, when that is longer): a feed that was down for a night
# is followed again within hours.
BACKOFF_CAP = 6 * 3600.0
# The shortest interval: polling a news site more often than this is abuse.
MIN_EVERY = 10.0


def parse_every(text: str) -> float:
    """Seconds in '10m', '1h30m', '45s', '2d' or a bare number of seconds."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        seconds = float(value)
    else:
        parts = _DURATION.findall(value)
        if not parts or _DURATION.sub("", value).strip():
            raise UsageError(
                f"--every {text!r} is not a duration; write e.g. 10m, 1h, 1h30m or 90s"
            )
        seconds = sum(float(n) * _UNITS[unit] for n, unit in parts)
    if seconds < MIN_EVERY:
        raise UsageError(f"--every {text!r} is too short; the minimum is {MIN_EVERY:g}s")
    return seconds


def backoff(every: float, failures: int) -> float:
    """Delay before the next poll of a source after `failures` failures in a row."""
    if failures <= 0:
        return every
    return min(every * 2.0 ** min(failures, 30), max(BACKOFF_CAP, every))


@dataclass
class WatchState:
    """What has been seen: validators per URL, item versions per source."""

    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    seen: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> WatchState:
        if path is None or not path.exists():
            return cls()
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
            return cls(dict(data["validators"]), dict(data["seen"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UsageError(
                f"watch state {path} is unreadable ({exc}); delete it to start afresh"
            ) from None

    def save(self, path: Path | None) -> None:
        if path is None:
            return
        tmp = path.with_name(path.name + ".tmp")
        data = {"validators": self.validators, "seen": self.seen}
        tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)  # a crash leaves the old state or the new, never half

    def record(self, mark: Mark) -> None:
        namespace, key, value = mark
        if namespace == "validators":
            self.validators[key] = json.loads(value)
        else:
            item, _, version = value.partition("\t")
            self.seen.setdefault(key, {})[item] = version


@dataclass
class Watched:
    """One followed source and its schedule."""

    target: str
    due: float = 0.0
    failures: int = 0
    last_error: str = ""


def _seen_mark(source: str, item: str, version: str) -> Mark:
    return ("seen", source, f"{item}\t{version}")


def _validators_mark(url: str, page: Fetched) -> tuple[Mark, ...]:
    found = {k: v for k, v in (("etag", page.etag), ("last_modified", page.last_modified)) if v}
    return (("validators", url, json.dumps(found, sort_keys=True)),) if found else ()


class Watcher:
    """Polls its sources until stopped; see the module docstring."""

    def __init__(
        self,
        targets: list[str],
        ingestor: Ingestor,
        *,
        every: float,
        state_path: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sources = [Watched(t) for t in targets]
        self.ingestor = ingestor
        self.every = every
        self.state_path = state_path
        self.state = WatchState.load(state_path)
        self.clock = clock
        ingestor.on_mark = self.state.record

    def poll(self, source: Watched) -> IngestSummary:
        """Poll one source now, ingest what is new, and schedule the next poll."""
        try:
            summary = self.ingestor.run(self._items(source.target))
        except SkyledgerError as exc:
            message = " ".join(str(exc).split())
            summary = IngestSummary(failed=1, failures=[(source.target, message)])
            self.ingestor.reporter.finished(source.target, "failed", message)
        self.state.save(self.state_path)
        if summary.failures and summary.failures[0][0] == source.target:
            source.failures += 1
            source.last_error = summary.failures[0][1]
        else:
            source.failures, source.last_error = 0, ""
        source.due = self.clock() + backoff(self.every, source.failures)
        return summary

    def poll_due(self) -> IngestSummary:
        """Poll every source that is due, in order; a stop request ends the round."""
        total = IngestSummary()
        for source in self.sources:
            if self.ingestor.stop():
                break
            if source.due <= self.clock():
                _add(total, self.poll(source))
        total.stopped = self.ingestor.stop()
        return total

    def run(self, wait: Callable[[float], object], on_round: Callable[[IngestSummary], None]) -> None:
        """Poll until stopped. `wait(seconds)` sleeps, returning early on a stop."""
        while not self.ingestor.stop():
            on_round(self.poll_due())
            if self.ingestor.stop():
                break
            next_due = min(s.due for s in self.sources)
            wait(max(0.0, next_due - self.clock()))

    # --- what one poll yields

    def _items(self, target: str) -> Iterator[Item]:
        if is_url(target):
            yield from self._url_items(target)
        elif Path(target).is_dir():
            yield from self._folder_items(Path(target))
        elif Path(target).exists():
            yield from self._file_items(target, Path(target))
        else:
            raise UsageError(f"no such file, folder or URL: {target}; check the path")

    def _url_items(self, url: str) -> Iterator[Item]:
        known = self.state.validators.get(url, {})
        page = self.ingestor.fetcher.fetch(
            url, etag=known.get("etag"), last_modified=known.get("last_modified")
        )
        if page.not_modified:
            return
        marks = _validators_mark(url, page)
        if not feed.is_feed(page.content, page.content_type):
            self.ingestor.reporter.planned(1)
            yield self.ingestor.page_job(url, page, marks=marks)
            return
        yield from self.ingestor.feed_jobs(
            page.content, url, base_url=page.url, marks=marks, counted=False,
            accept=self._acceptor(url),
        )

    def _acceptor(self, source: str) -> Callable[[feed.FeedEntry], tuple[Mark, ...] | None]:
        seen = self.state.seen.get(source, {})

        def accept(entry: feed.FeedEntry) -> tuple[Mark, ...] | None:
            if seen.get(entry.key) == entry.version:
                return None
            return (_seen_mark(source, entry.key, entry.version),)

        return accept

    def _folder_items(self, folder: Path) -> Iterator[Item]:
        for path in folder_files(folder):
            yield from self._file_items(str(folder), path)

    def _file_items(self, source: str, path: Path) -> Iterator[Item]:
        try:
            st = path.stat()
        except OSError:
            return  # removed since the scan
        version = f"{st.st_mtime_ns}:{st.st_size}"
        key = str(path.resolve())
        if self.state.seen.get(source, {}).get(key) == version:
            return
        self.ingestor.reporter.planned(1)
        # A file that cannot be read yields a Failed without marks: it may be
        # half-copied, so it is tried again at the next poll.
        yield from self.ingestor.file_jobs(path, (_seen_mark(source, key, version),))


def _add(total: IngestSummary, part: IngestSummary) -> None:
    for name in ("new", "versions", "unchanged", "failed", "attacks_created", "attacks_updated"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.failures += part.failures


def watch(
    targets: list[str],
    ledger: Ledger,
    options: IngestOptions | None = None,
    *,
    every: float,
    state_path: Path | None = None,
    reporter: Reporter | None = None,
    on_round: Callable[[IngestSummary], None] = lambda summary: None,
) -> None:
    """Follow the targets until SIGINT or SIGTERM (see the module docstring)."""
    from skyledger.ingest import GracefulStop

    options = options or IngestOptions()
    missing = [t for t in targets if not is_url(t) and not Path(t).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}; check the path or give a URL")
    with GracefulStop() as stop, Ingestor(ledger, options, reporter=reporter, stop=stop) as ing:
        Watcher(targets, ing, every=every, state_path=state_path).run(stop.event.wait, on_round)
