"""Lazy listings that follow NextToken page by page."""

from __future__ import annotations

import datetime
import html
import logging
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from sagemon._shape import Shape, members_of
from sagemon.errors import (
    MalformedResponseError,
    PaginationError,
    Problem,
    SagemonError,
    ValidationError,
    _shown_number,
)

if TYPE_CHECKING:
    from sagemon._shape import Shape

__all__ = ["DEFAULT_MAX_EMPTY_PAGES", "FetchedPage", "Listing", "SkippedItem"]

log = logging.getLogger("sagemon")

DEFAULT_MAX_EMPTY_PAGES = 100


_I = TypeVar("_I")
_P = TypeVar("_P")


def _next_token(response: object) -> str | None:
    """A List response's ``NextToken`` (every List response shape has the member)."""
    token = getattr(response, "next_token", None)
    return token if isinstance(token, str) else None


class SkippedItem(NamedTuple):
    """An item a listing left out because it was malformed (see :meth:`Listing.skip_malformed`)."""

    page: int
    """The page it came in: 1 is the first page this iteration fetched."""
    position: int
    """Its index in that page's list of items."""
    data: object
    """The item exactly as the service sent it."""
    problems: tuple[Problem, ...]
    """What is wrong with it, with paths from the page (``MonitoringScheduleSummaries[1].CreationTime``)."""


SkippedItem.__module__ = "sagemon"  # its public home (set here: a NamedTuple body cannot)


class FetchedPage(Generic[_P]):
    """One fetched page: the response with its valid items, and what was wrong with the others."""

    __slots__ = ("count", "error", "response", "skipped")

    def __init__(
        self,
        response: _P,
        count: int,
        skipped: tuple[tuple[int, object, tuple[Problem, ...]], ...] = (),
        error: MalformedResponseError | None = None,
    ) -> None:
        self.response = response
        self.count = count  # items the service sent, valid or not
        self.skipped = skipped  # (index, raw item, problems) of each malformed item
        self.error = error  # what to raise for them unless malformed items are skipped


class Listing(Generic[_I, _P]):
    """The result of a List operation: iterate for items, or call :meth:`pages` for responses.

    Nothing is requested until you iterate; each iteration starts again from the first page
    (or from the request's ``next_token``). ``MaxResults`` in the request is the page size.
    After iterating, :attr:`next_token` is the token of the page that was not fetched yet, so a
    stopped iteration can be resumed later with ``next_token=listing.next_token``.

    A listing never loops and never ends early in silence: a service that repeats a
    ``NextToken``, or sends more than :attr:`max_empty_pages` empty pages in a row that each
    promise more, raises :class:`~sagemon.errors.PaginationError` after delivering every page it
    fetched.

    An item the service sent malformed (a summary without its ``CreationTime``) raises
    :class:`~sagemon.errors.MalformedResponseError` holding the page's valid items and its
    ``NextToken``; :attr:`next_token` moves past that page, so nothing valid is lost. A listing
    made with :meth:`skip_malformed` leaves such items out instead and records them in
    :attr:`skipped`.
    """

    __module__ = "sagemon"

    def __init__(
        self,
        operation: str,
        request: Shape,
        fetch: Callable[[str | None], FetchedPage[_P]],
        items: Callable[[_P], Sequence[_I] | None],
        start_token: str | None,
        *,
        skip_malformed: bool = False,
        max_empty_pages: int = DEFAULT_MAX_EMPTY_PAGES,
    ) -> None:
        self._operation = operation
        self._request = request
        self._fetch = fetch
        self._items = items
        self._start = start_token
        self._skip = skip_malformed
        self._max_empty_pages = DEFAULT_MAX_EMPTY_PAGES
        self.max_empty_pages = max_empty_pages
        self._skipped: list[SkippedItem] = []
        self.next_token: str | None = start_token
        """The token of the next page to fetch; ``None`` once the last page was fetched."""

    @property
    def max_empty_pages(self) -> int:
        """How many empty pages in a row, each with a new ``NextToken``, are followed (100).

        One more raises :class:`~sagemon.errors.PaginationError`. Some services filter after
        paging and may send a few empty pages; one that sends them forever would otherwise be
        called forever. Set a higher limit for a listing that needs it.
        """
        return self._max_empty_pages

    @max_empty_pages.setter
    def max_empty_pages(self, limit: int) -> None:
        value: object = limit
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            problem = f"must be an int >= 1, got {_shown_number(value)}"
            raise ValidationError([Problem("max_empty_pages", problem)], "Listing")
        self._max_empty_pages = value

    def skip_malformed(self) -> Listing[_I, _P]:
        """A new listing of the same request that leaves out malformed items instead of raising.

        Each skipped item is logged (logger ``sagemon``, warning) and recorded in
        :attr:`skipped`; pages from :meth:`pages` hold only the valid items. A response whose
        damage is not confined to its items still raises
        :class:`~sagemon.errors.MalformedResponseError`.
        """
        return Listing(
            self._operation,
            self._request,
            self._fetch,
            self._items,
            self._start,
            skip_malformed=True,
            max_empty_pages=self._max_empty_pages,
        )

    @property
    def skipped(self) -> tuple[SkippedItem, ...]:
        """The malformed items left out by the latest iteration (see :meth:`skip_malformed`)."""
        return tuple(self._skipped)

    def pages(self) -> Iterator[_P]:
        """Yield whole response pages, fetching each one only when it is needed."""
        skipped: list[SkippedItem] = []
        self._skipped = skipped
        yield from self._walk(self._skip, skipped, track=True)

    def _walk(self, skip: bool, skipped: list[SkippedItem], *, track: bool) -> Iterator[_P]:
        """The pages from the start; ``track`` keeps :attr:`next_token` up to date."""
        token = self._start
        # Only the current page is held; this grows by one token per page, to refuse a repeat.
        seen = {token}
        empty = 0
        number = 0
        while True:
            page = self._fetch(token)
            number += 1
            token = _next_token(page.response) or None
            if page.skipped:
                if not skip and page.error is not None:
                    if track:
                        self.next_token = token  # the error holds this page's valid items
                    raise page.error
                for position, data, problems in page.skipped:
                    if track:
                        log.warning(
                            "%s: skipped malformed item %d of page %d: %s",
                            self._operation,
                            position,
                            number,
                            "; ".join(map(str, problems)),
                        )
                    skipped.append(SkippedItem(number, position, data, problems))
            if track:
                self.next_token = token
            yield page.response
            if token is None:
                return
            if token in seen:
                raise PaginationError(
                    self._operation,
                    f"the service returned NextToken {_short(token)} again; "
                    "following it would repeat pages",
                    token=token,
                    pages=number,
                )
            empty = 0 if page.count else empty + 1
            if empty > self._max_empty_pages:
                raise PaginationError(
                    self._operation,
                    f"more than {self._max_empty_pages} empty pages in a row, each with a new "
                    "NextToken (raise the listing's max_empty_pages to follow more, or resume "
                    "from its next_token)",
                    token=token,
                    pages=number,
                )
            seen.add(token)

    def __iter__(self) -> Iterator[_I]:
        for page in self.pages():
            yield from self._items(page) or ()

    def first_page(self) -> _P:
        """Fetch only the first page."""
        return next(self.pages())

    def all(self) -> list[_I]:
        """Every item of every page, as a list."""
        return list(self)

    def __bool__(self) -> bool:
        """Whether the listing has any item: fetches pages until one has an item, no further.

        Like iterating, this raises for what iterating would raise; it does not change
        :attr:`next_token` or :attr:`skipped`.
        """
        return any(self._items(page) for page in self._walk(self._skip, [], track=False))

    def __repr__(self) -> str:
        """The operation and the request's members; nothing is fetched."""
        text = repr(self._request)
        name = type(self._request).__name__
        if text.startswith(name):
            text = self._operation + text[len(name) :]
        return f"<Listing {text}{' skipping malformed items' if self._skip else ''}>"

    def _repr_html_(self) -> str:
        """Jupyter: the first page's items as a table (fetching that page), and what follows."""
        title = f"<strong>{html.escape(repr(self)[1:-1])}</strong>"
        skipped: list[SkippedItem] = []
        try:
            page = next(self._walk(True, skipped, track=False))
        except SagemonError as exc:
            message = html.escape(f"could not fetch the first page: {exc}")
            return f"<div>{title}<div style='color:#b00'>{message}</div></div>"
        items = tuple(self._items(page) or ())
        notes = [f"{len(items)} item{'s' if len(items) != 1 else ''} on the first page"]
        if skipped:
            notes.append(f"{len(skipped)} malformed left out")
        notes.append(
            "more pages follow: iterate the listing for every item"
            if _next_token(page)
            else "no more pages"
        )
        table = _table(items) if items else ""
        return f"<div>{title}{table}<div>{html.escape('; '.join(notes))}</div></div>"


def _table(items: Sequence[object]) -> str:
    """Items as an HTML table: one row per item, a column per member set in any of them."""
    columns: dict[str, None] = {}
    for item in items:
        if isinstance(item, Shape):  # the spec's members, not attrs' (building those costs)
            for name, value in members_of(item.__dict__).items():
                if value is not None:
                    columns[name] = None
    head = "".join(f"<th style='text-align:left'>{html.escape(c)}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_cell(getattr(item, c, None))}</td>" for c in columns) + "</tr>"
        for item in items
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        text = str(value.value)
    elif isinstance(value, datetime.datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, str):
        text = value
    else:
        text = repr(value)
    if len(text) > _CELL_WIDTH:
        text = text[: _CELL_WIDTH - 1] + "…"
    return html.escape(text)


_CELL_WIDTH = 80


def _short(token: str) -> str:
    """A token for a message: tokens can be long opaque strings."""
    return repr(token) if len(token) <= 40 else repr(token[:40]) + "…"
