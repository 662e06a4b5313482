"""The proxy files: each request with its visits, gathered in any order; and what cannot be judged."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from bianmin_rules import Book, Books
from bianmin_rules.core.facts import FileLedger, fact, in_order, only_one
from qingshi_proxy.events import ProxyRequested, ProxyVisited


@fact
class Requested:
    """A request as the file keeps it."""

    at: datetime
    event: str
    window: str | None
    staff: str
    matter: str
    appointment: datetime | None

    @property
    def day(self) -> date:
        """The China-time day of the request."""
        return self.at.date()


@fact
class Visited:
    """A visit as the file keeps it."""

    at: datetime
    event: str
    staff: str

    @property
    def day(self) -> date:
        """The China-time day of the visit."""
        return self.at.date()


@dataclass(frozen=True, slots=True)
class ProxyFile:
    """One request (None when the log never received it) and its visits, in time order."""

    request: str
    requested: Requested | None
    visits: tuple[Visited, ...]

    @classmethod
    def of(cls, request: str, facts: Iterable[Requested | Visited]) -> ProxyFile:
        """The file of one request from its facts; a request received twice is an error."""
        ordered = in_order(facts)
        requested = only_one(ordered, Requested, f"proxy request {request!r}")
        return cls(request, requested, tuple(f for f in ordered if isinstance(f, Visited)))


class ProxyLedger(FileLedger[ProxyFile]):
    """Files requests and visits under their request."""

    def __init__(self) -> None:
        super().__init__({ProxyRequested: Requested, ProxyVisited: Visited}, key="request", build=ProxyFile.of)


PROXY_FILES: Book[Mapping[str, ProxyFile]] = Book("proxy_requests", ProxyLedger)
"""The proxy files, by request."""


def unjudged_requests(books: Books) -> Iterator[str]:
    """A note for each visit to a request the log never received: its time limit cannot be checked."""
    for file in books[PROXY_FILES].values():
        if file.requested is None:
            yield (f"代办 {file.request}：日志中没有代办申请记录（proxy_requested），无法检查上门时限"
                   f"（事件 {file.visits[0].event} 等）。")
