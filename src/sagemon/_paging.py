"""Lazy listings that follow NextToken page by page."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, Protocol, TypeVar

from sagemon.errors import PaginationError, Problem, ValidationError

__all__ = ["DEFAULT_MAX_EMPTY_PAGES", "Listing"]

DEFAULT_MAX_EMPTY_PAGES = 100


class _Page(Protocol):
    @property
    def next_token(self) -> str | None: ...


_I = TypeVar("_I")
_P = TypeVar("_P", bound=_Page)


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
    """

    def __init__(
        self,
        operation: str,
        fetch: Callable[[str | None], _P],
        items: Callable[[_P], Sequence[_I] | None],
        start_token: str | None,
    ) -> None:
        self._operation = operation
        self._fetch = fetch
        self._items = items
        self._start = start_token
        self._max_empty_pages = DEFAULT_MAX_EMPTY_PAGES
        self.next_token: str | None = start_token
        """The token of the next page to fetch; ``None`` once the last page was fetched."""

    @property
    def max_empty_pages(self) -> int:
        """How many empty pages in a row, each with a new ``NextToken``, are followed (100).

        One more raises :class:`~sagemon.errors.PaginationError`.

        Some services filter after paging and may send a few empty pages; one that sends them
        forever would otherwise be called forever. Set a higher limit for a listing that needs it.
        """
        return self._max_empty_pages

    @max_empty_pages.setter
    def max_empty_pages(self, limit: int) -> None:
        value: object = limit
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            shown = value if isinstance(value, (int, float)) else f"a {type(value).__name__}"
            raise ValidationError(
                [Problem("max_empty_pages", f"must be an int >= 1, got {shown}")], "Listing"
            )
        self._max_empty_pages = value

    def pages(self) -> Iterator[_P]:
        """Yield whole response pages, fetching each one only when it is needed."""
        token = self._start
        seen = {token}
        empty = 0
        fetched = 0
        while True:
            page = self._fetch(token)
            fetched += 1
            token = page.next_token or None
            self.next_token = token
            yield page
            if token is None:
                return
            if token in seen:
                raise PaginationError(
                    self._operation,
                    f"the service returned NextToken {_short(token)} again; "
                    "following it would repeat pages",
                    token=token,
                    pages=fetched,
                )
            empty = 0 if self._items(page) else empty + 1
            if empty > self._max_empty_pages:
                raise PaginationError(
                    self._operation,
                    f"more than {self._max_empty_pages} empty pages in a row, each with a new "
                    "NextToken (raise the "
                    "listing's max_empty_pages to follow more, or resume from its next_token)",
                    token=token,
                    pages=fetched,
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


def _short(token: str) -> str:
    """A token for a message: tokens can be long opaque strings."""
    return repr(token) if len(token) <= 40 else repr(token[:40]) + "…"
