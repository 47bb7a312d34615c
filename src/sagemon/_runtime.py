"""Support code for the generated shapes: base classes, patterns and problem messages.

Kept free of attrs and cattrs imports so that ``import sagemon.errors`` stays cheap.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar

from sagemon.errors import Problem

__all__ = ["Shape", "ShapeEnum"]

_E = TypeVar("_E", bound="ShapeEnum")
_T = TypeVar("_T")
_K = TypeVar("_K")
_V = TypeVar("_V")

Problems = list[Problem]


class Shape:
    """Base class of every generated structure shape in :mod:`sagemon.shapes`."""

    __slots__ = ()
    __attrs_attrs__: Any

    def __repr__(self) -> str:
        """Constructor-style repr showing only the members that are set."""
        parts = []
        for field in self.__attrs_attrs__:
            value = getattr(self, field.name)
            if value is not None:
                parts.append(f"{field.name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython: one member per line, nested shapes indented."""
        from sagemon._display import pretty_lines, shape_tree

        printer.text("\n".join([type(self).__name__, *pretty_lines(shape_tree(self), 1)]))

    def _repr_html_(self) -> str:
        """Jupyter: a nested table of the members that are set."""
        from sagemon._display import html_block, shape_tree

        return html_block(type(self).__name__, shape_tree(self))


_unlisted: dict[tuple[type[ShapeEnum], str], ShapeEnum] = {}


class ShapeEnum(str, Enum):
    """Base class of the enums in :mod:`sagemon.enums`: members are their wire strings.

    Values newer than this SDK are represented by *unlisted* members: a lenient
    ``from_wire`` (service responses) creates them automatically, and a request can use
    one deliberately through :meth:`unlisted`, e.g. ``InstanceType.unlisted("ml.q9.xlarge")``.
    """

    @classmethod
    def unlisted(cls: type[_E], value: str) -> _E:
        """Return the member for ``value``, creating an unlisted member if the SDK lacks it.

        This is the one explicit escape hatch for values AWS added after this release.
        """
        if type(value) is not str:
            raise TypeError(f"{cls.__name__}.unlisted() takes a str, not {type(value).__name__}")
        member = cls._value2member_map_.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
        key = (cls, value)
        cached = _unlisted.get(key)
        if cached is None:
            cached = str.__new__(cls, value)
            cached._value_ = value
            cached._name_ = value
            _unlisted[key] = cached
        return cached  # type: ignore[return-value]

    @property
    def is_listed(self) -> bool:
        """False for a value this SDK does not know (see :meth:`unlisted`)."""
        return type(self)._value2member_map_.get(self._value_) is self

    def __repr__(self) -> str:
        if self.is_listed:
            return f"{type(self).__name__}.{self._name_}"
        return f"{type(self).__name__}.unlisted({self._value_!r})"

    def __str__(self) -> str:
        return self._value_  # type: ignore[no-any-return]

    def __format__(self, spec: str) -> str:
        return format(self._value_, spec)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (type(self).unlisted, (self._value_,))


# ----------------------------------------------------------------------------- patterns

_LINE_TERMINATORS = "\n\r\x85\u2028\u2029"
_CATEGORY_CLASS = re.compile(r"\\p\{([A-Za-z]+)\}")


def _translate(java: str, unicode_class: Callable[[str], str]) -> str:
    """Translate a Java regex from the service model to Python ``re`` syntax.

    Java's ``.`` excludes every line terminator (Python's only ``\\n``) and ``\\p{X}``
    is a Unicode category, which Python's ``re`` lacks; ``unicode_class`` renders one.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(java):
        ch = java[i]
        if ch == "\\":
            m = _CATEGORY_CLASS.match(java, i)
            if m:
                body = unicode_class(m.group(1))
                out.append(body if in_class else f"[{body}]")
                i = m.end()
                continue
            out.append(java[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if java.startswith("[^", i) or java.startswith("[]", i):
                out.append(java[i : i + 2])
                i += 2
                continue
        elif ch == ".":
            ch = f"[^{_LINE_TERMINATORS}]"
        out.append(ch)
        i += 1
    return "".join(out)


_category_ranges: dict[str, str] = {}


def _category_class(category: str) -> str:
    """Character-class body (ranges) for a Unicode general category such as ``L``."""
    body = _category_ranges.get(category)
    if body is None:
        parts: list[str] = []
        start = prev = -2
        for cp in range(sys.maxunicode + 1):
            if unicodedata.category(chr(cp)).startswith(category):
                if cp != prev + 1:
                    if start >= 0:
                        parts.append(_range(start, prev))
                    start = cp
                prev = cp
        if start >= 0:
            parts.append(_range(start, prev))
        body = _category_ranges[category] = "".join(parts)
    return body


def _range(lo: int, hi: int) -> str:
    return f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}"


_ASCII_CATEGORY = {"L": "a-zA-Z", "Z": " ", "N": "0-9"}


def java_pattern(java: str) -> Callable[[str], bool]:
    """A full-match predicate for a Java pattern from the service model.

    Compiled on first use. ASCII input is checked with an ASCII rendering of ``\\p{..}``
    classes; the exact Unicode classes are built only if a non-ASCII value ever needs them.
    """
    compiled: dict[bool, re.Pattern[str]] = {}
    has_categories = _CATEGORY_CLASS.search(java) is not None

    def check(value: str) -> bool:
        exact = has_categories and not value.isascii()
        rx = compiled.get(exact)
        if rx is None:
            render = _category_class if exact else _ASCII_CATEGORY.__getitem__
            rx = compiled[exact] = re.compile(_translate(java, render), re.ASCII | re.DOTALL)
        return rx.fullmatch(value) is not None

    return check


def python_pattern(java: str) -> str:
    """The Python rendering of a Java model pattern (for tools and tests)."""
    return _translate(java, _category_class)


# ----------------------------------------------------------------------------- problems

_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    dict: "an object",
    list: "a list",
    tuple: "a list",
    type(None): "null",
}


def describe(value: object) -> str:
    """Short, user-facing description of a value's type for messages."""
    return _TYPE_NAMES.get(type(value)) or type(value).__name__


def shorten(value: object, limit: int = 60) -> str:
    """``repr`` of a value, cut to ``limit`` characters for messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def wrong_type(e: Problems, path: str, expected: str, value: object) -> None:
    e.append(Problem(path, f"expected {expected}, got {describe(value)} {shorten(value)}"))


def bad_length(e: Problems, path: str, value: str, lo: int | None, hi: int | None) -> None:
    e.append(Problem(path, f"length {len(value)} {_bounds(lo, hi)} ({shorten(value)})"))


def bad_size(e: Problems, path: str, size: int, lo: int | None, hi: int | None, what: str) -> None:
    e.append(Problem(path, f"{size} {what} {_bounds(lo, hi)}"))


def bad_range(e: Problems, path: str, value: float, lo: float | None, hi: float | None) -> None:
    e.append(Problem(path, f"{value!r} {_bounds(lo, hi)}"))


def _bounds(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return f"is outside {lo}..{hi}"
    if lo is not None:
        return f"is below the minimum {lo}"
    return f"is above the maximum {hi}"


def bad_pattern(e: Problems, path: str, value: str, pattern: str) -> None:
    e.append(Problem(path, f"{shorten(value)} does not match {pattern}"))


def bad_enum(e: Problems, path: str, value: object, enum: type[ShapeEnum]) -> None:
    if type(value) is not str and not isinstance(value, ShapeEnum):
        wrong_type(e, path, f"a {enum.__name__} value", value)
        return
    known = list(enum._value2member_map_)
    if len(known) <= 8:
        hint = "one of " + ", ".join(known)
    else:
        close = difflib.get_close_matches(str(value), known, n=3)
        hint = f"a {enum.__name__} value" + (
            f" (did you mean {' or '.join(close)}?)" if close else ""
        )
    e.append(
        Problem(
            path,
            f"{shorten(value)} is not {hint}; use {enum.__name__}.unlisted() for a newer value",
        )
    )


def not_an_enum_member(e: Problems, path: str, value: object, enum: type[ShapeEnum]) -> None:
    if type(value) is str and value in enum._value2member_map_:
        member = enum._value2member_map_[value]
        e.append(
            Problem(
                path,
                f"expected {enum.__name__}, got the string {value!r};"
                f" use {enum.__name__}.{member._name_}",
            )
        )
    else:
        bad_enum(e, path, value, enum)


def missing(e: Problems, path: str) -> None:
    e.append(Problem(path, "required"))


def null(e: Problems, path: str) -> None:
    e.append(Problem(path, "null is not allowed; omit the member instead"))


def unknown_keys(
    e: Problems, prefix: str, data: Mapping[Any, Any], known: frozenset[str], shape: str
) -> None:
    """Report keys of ``data`` that are not members of ``shape``, and members set to null."""
    for key in data:
        if key not in known:
            plain = type(key) is str and key.isprintable() and key.strip() == key != ""
            close = difflib.get_close_matches(key, known, n=1) if plain else []
            hint = f" (did you mean {close[0]}?)" if close else ""
            path = f"{prefix}{key}" if plain else f"{prefix[:-1]}[{key!r}]"
            e.append(Problem(path, f"unknown member of {shape}{hint}"))
        elif data[key] is None:
            null(e, f"{prefix}{key}")


def union(e: Problems, path: str, count: int, members: tuple[str, ...]) -> None:
    e.append(
        Problem(path or "<root>", f"exactly one of {', '.join(members)} must be set, got {count}")
    )


def not_finite(e: Problems, path: str, value: float) -> None:
    e.append(Problem(path, f"{value!r} is not a finite number"))


# ----------------------------------------------------------------------------- values

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
    if type(value) in (int, float) and math.isfinite(value):  # type: ignore[arg-type]
        try:
            return datetime.datetime.fromtimestamp(value, _UTC)  # type: ignore[arg-type]
        except (OverflowError, OSError, ValueError):
            return None
    return None


def to_tuple(value: Iterable[_T] | None) -> tuple[_T, ...] | None:
    """List members are stored as tuples; anything else is left for the check to report."""
    if type(value) is list:
        return tuple(value)
    return value  # type: ignore[return-value]


def to_dict(value: Mapping[_K, _V] | None) -> Mapping[_K, _V] | None:
    """Map members are stored as a private copy, so callers cannot mutate a shape."""
    if isinstance(value, Mapping):
        return dict(value)
    return value


_new = object.__new__
_set = object.__setattr__
