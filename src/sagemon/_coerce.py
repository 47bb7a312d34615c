"""Values as shapes store them: timestamps, tuples for lists, private copies of maps and of
members newer than the model."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from sagemon._problems import Problems, key_text
from sagemon.errors import Problem

__all__ = ["plain_copy", "timestamp", "to_dict", "to_tuple", "unknown_members"]

_T = TypeVar("_T")
_K = TypeVar("_K")
_V = TypeVar("_V")

_UTC = datetime.timezone.utc


def timestamp(value: object) -> datetime.datetime | None:
    """Coerce a wire timestamp (datetime, ISO 8601 string or epoch seconds) or return None."""
    if isinstance(value, datetime.datetime):
        return value
    if type(value) is str:
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=_UTC)
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        try:
            return datetime.datetime.fromtimestamp(value, _UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def to_tuple(value: Iterable[_T] | None) -> Iterable[_T] | None:
    """List members are stored as tuples; any other iterable is taken in its order.

    Strings, bytes and mappings are iterable but never what a list member means, so they are
    returned unchanged for the check (``type(...) is tuple``) to report, as is anything that is
    not iterable; hence the return type is no narrower than the argument's.
    """
    kind = type(value)
    if kind is tuple or value is None:
        return value
    if kind is list:
        return tuple(value)
    if isinstance(value, (str, bytes, bytearray, Mapping)) or not hasattr(value, "__iter__"):
        return value
    return tuple(value)


def to_dict(value: Mapping[_K, _V] | None) -> Mapping[_K, _V] | None:
    """Map members are stored as a private copy, so callers cannot mutate a shape."""
    if isinstance(value, Mapping):
        return dict(value)
    return value


def unknown_members(
    data: Mapping[Any, Any], known: frozenset[str], prefix: str, e: Problems
) -> dict[str, Any] | None:
    """The members of a response that this SDK's model lacks, copied, or None if there are none.

    Member names are strings on any wire; another key is reported, not kept.
    """
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in known or value is None:
            continue
        if type(key) is str:
            extra[key] = plain_copy(value)
        else:
            e.append(Problem(f"{prefix[:-1]}[{key_text(key)}]", "member names are strings"))
    return extra or None


def plain_copy(value: Any) -> Any:
    """A copy of JSON-like data: dicts and lists copied, everything else shared.

    Iterative, so that no depth of nesting can exhaust the stack.
    """
    if type(value) is not dict and type(value) is not list:
        return value
    root: Any = {} if type(value) is dict else []
    pending = [(value, root)]
    while pending:
        source, target = pending.pop()
        items = source.items() if type(source) is dict else enumerate(source)
        for key, item in items:
            if type(item) is dict or type(item) is list:
                copied: Any = {} if type(item) is dict else []
                pending.append((item, copied))
                item = copied  # noqa: PLW2901
            if type(target) is dict:
                target[key] = item
            else:
                target.append(item)
    return root
