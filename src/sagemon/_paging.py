"""Lazy listings that follow NextToken page by page."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, Protocol, TypeVar

__all__ = ["Listing"]


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
    """

    def __init__(
        self,
        fetch: Callable[[str | None], _P],
        items: Callable[[_P], Sequence[_I] | None],
        start_token: str | None,
    ) -> None:
        self._fetch = fetch
        self._items = items
        self._start = start_token
        self.next_token: str | None = start_token
        """The token of the next page to fetch; ``None`` once the last page was fetched."""

    def pages(self) -> Iterator[_P]:
        """Yield whole response pages, fetching each one only when it is needed."""
        token = self._start
        seen: set[str] = set()
        while True:
            page = self._fetch(token)
            token = page.next_token or None
            if token is not None and token in seen:
                token = None  # a service repeating a token would otherwise loop forever
            self.next_token = token
            yield page
            if token is None:
                return
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
