"""Lazy lists: a connection read a page at a time, only as far as it is iterated."""

from __future__ import annotations

from typing import Any, Callable, Dict, Generic, Iterator, List, Optional, Tuple, TypeVar

T = TypeVar("T")

# Reads one page after a cursor (None for the first): the connection object of the answer.
PageReader = Callable[[Optional[str], int], Dict[str, Any]]


class Paged(Generic[T]):
    """An iterable over every item of a connection, fetched ``per_page`` items at a time.

    ``len()`` is the connection's ``totalCount`` (one request for the first page if none was
    read yet). Iterating twice reads the pages again, so a second pass sees what changed.
    """

    def __init__(self, read: PageReader, wrap: Callable[[Dict[str, Any]], T], per_page: int = 50):
        if not 1 <= per_page <= 1000:
            raise ValueError(f"per_page must be 1 to 1000, not {per_page}")
        self._read = read
        self._wrap = wrap
        self.per_page = per_page
        self._total: Optional[int] = None

    def __iter__(self) -> Iterator[T]:
        after: Optional[str] = None
        while True:
            nodes, has_next, after = self._page(after)
            for node in nodes:
                yield self._wrap(node)
            if not has_next or not nodes:
                return

    def __getitem__(self, index):
        """An item by place, as from the list wandb answers (``used_by()[0]``); a slice or a
        place from the end reads the whole list."""
        if isinstance(index, int) and index >= 0:
            for place, item in enumerate(self):
                if place == index:
                    return item
            raise IndexError(f"index {index} is past the last of {len(self)} items")
        return list(self)[index]

    def __len__(self) -> int:
        if self._total is None:
            self._page(None)
        return self._total or 0

    def _page(self, after: Optional[str]) -> Tuple[List[Dict[str, Any]], bool, Optional[str]]:
        connection = self._read(after, self.per_page)
        self._total = connection.get("totalCount", self._total)
        info = connection.get("pageInfo") or {}
        return list(connection.get("nodes") or []), bool(info.get("hasNextPage")), info.get("endCursor")

    def __repr__(self) -> str:
        return f"<Paged of {self._total if self._total is not None else '?'} items>"
