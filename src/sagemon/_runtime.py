"""Support code for the generated shapes: base classes, patterns and problem messages.

Kept free of attrs and cattrs imports so that ``import sagemon.errors`` stays cheap.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, ClassVar, TypeVar

from sagemon.errors import Problem

__all__ = ["Shape", "ShapeEnum"]

_E = TypeVar("_E", bound="ShapeEnum")
_T = TypeVar("_T")
_K = TypeVar("_K")
_V = TypeVar("_V")

Problems = list[Problem]

_set = object.__setattr__
_new = object.__new__

#: The private constructor keyword that collects problems instead of raising them.
PROBLEMS = "_sagemon_problems"

#: How values of secret members (environment maps, which can hold credentials) are displayed.
MASK = "***"


_F = TypeVar("_F", bound=Callable[..., Any])


class _InstanceOnly:
    """A method found on instances only: looked up on a class it is ``None``.

    Display hooks are looked up on whatever is being shown; shown a shape *class*, a printer
    (hypothesis's, for one) then falls back to the class's own repr instead of calling an
    unbound method.
    """

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method
        self.__doc__ = method.__doc__

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        return None if obj is None else self.method.__get__(obj, owner)


def _instance_only(method: _F) -> _F:
    return _InstanceOnly(method)  # type: ignore[return-value]


class Shape:
    """Base class of every generated structure shape in :mod:`sagemon.shapes`."""

    __slots__ = ("_unknown",)
    __attrs_attrs__: ClassVar[Any]
    _unknown: dict[str, Any] | None
    #: Members whose values are never displayed (environment maps can hold credentials).
    _secret_fields: ClassVar[frozenset[str]] = frozenset()

    @property
    def unknown_members(self) -> Mapping[str, Any]:
        """Members a service response had that this SDK does not know (newer than its model).

        Only a lenient ``from_wire`` (how responses are read) keeps them; ``to_wire`` writes them
        back unchanged, so a described resource round-trips without losing data.
        """
        return dict(self._unknown) if self._unknown else {}

    def __repr__(self) -> str:
        """Constructor-style repr showing only the members that are set."""
        parts = []
        for field in self.__attrs_attrs__:
            value = getattr(self, field.name)
            if value is not None:
                if field.name in self._secret_fields:
                    value = masked(value)
                parts.append(f"{field.name}={value!r}")
        if self._unknown:
            parts.append(f"unknown_members={shorten(self._unknown, 2000)}")
        return f"{type(self).__name__}({', '.join(parts)})"

    @_instance_only
    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython: one member per line, nested shapes indented."""
        from sagemon._display import pretty_lines, shape_tree

        printer.text("\n".join([type(self).__name__, *pretty_lines(shape_tree(self), 1)]))

    @_instance_only
    def _repr_html_(self) -> str:
        """Jupyter: a nested table of the members that are set."""
        from sagemon._display import html_block, shape_tree

        return html_block(type(self).__name__, shape_tree(self))

    def __getstate__(self) -> dict[str, Any]:
        state = {field.name: getattr(self, field.name) for field in self.__attrs_attrs__}
        state["_unknown"] = getattr(self, "_unknown", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            _set(self, name, value)


def masked(value: object) -> object:
    """A secret map for display: its keys, with every value hidden."""
    if isinstance(value, Mapping):
        return dict.fromkeys(value, MASK)
    return MASK


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

#: Equivalent forms of model patterns on which a backtracking engine is not linear. With
#: ``[^/]+`` followed by ``/?(.*)``, a failing full match retries every split of the host
#: (quadratic); the rewritten form has one way to match. ``tests/test_patterns.py`` proves
#: each pair equivalent and times every model pattern on adversarial input.
LINEAR_FORMS = {
    "(https|s3)://([^/]+)/?(.*)": "(https|s3)://[^/]+(/.*)?",
}


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


_ASCII_CATEGORY = {"L": "a-zA-Z", "Z": " ", "N": "0-9"}
_FLAGS = re.ASCII | re.DOTALL


def _ascii_class(category: str) -> str:
    return _ASCII_CATEGORY[category]


@functools.lru_cache(maxsize=256)
def _exact(java: str, chars: frozenset[str]) -> re.Pattern[str]:
    """``java`` compiled with each ``\\p{X}`` holding its ASCII members and those of ``chars``.

    Exact for any value made of ASCII and ``chars``: only the non-ASCII characters a value
    contains need classifying, never all of Unicode.
    """

    def render(category: str) -> str:
        extra = "".join(
            re.escape(c) for c in sorted(chars) if unicodedata.category(c).startswith(category)
        )
        return _ASCII_CATEGORY[category] + extra

    return re.compile(_translate(java, render), _FLAGS)


def java_pattern(java: str) -> Callable[[str], bool]:
    """A full-match predicate for a Java pattern from the service model, linear in the input.

    Compiled on first use. ``\\p{..}`` classes are rendered for ASCII, plus the non-ASCII
    characters of the value being checked when there are any.
    """
    linear = LINEAR_FORMS.get(java, java)
    compiled: list[re.Pattern[str]] = []

    def ascii_match(value: str) -> bool:
        if not compiled:
            compiled.append(re.compile(_translate(linear, _ascii_class), _FLAGS))
        return compiled[0].fullmatch(value) is not None

    if _CATEGORY_CLASS.search(java) is None:
        return ascii_match

    def check(value: str) -> bool:
        if value.isascii():
            return ascii_match(value)
        chars = frozenset(c for c in value if not c.isascii())
        return _exact(linear, chars).fullmatch(value) is not None

    return check


def python_pattern(java: str) -> str:
    """The Python rendering of a Java model pattern, ``\\p{..}`` classes as ASCII (for tools)."""
    return _translate(LINEAR_FORMS.get(java, java), _ascii_class)


# ----------------------------------------------------------------------------- rendering values

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
    """A ``repr`` of ``value`` cut to ``limit`` characters, rendering no more than that.

    Containers are walked only as far as the limit reaches (and 8 levels deep), so a huge or
    deeply nested value costs no more than a small one.
    """
    text = _bounded(value, limit + 1, 0)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_SAFE_REPR = (bool, float, type(None), Enum, datetime.date, datetime.timedelta)


def _bounded(value: object, budget: int, depth: int) -> str:
    kind = type(value)
    if kind is str or kind is bytes:
        return repr(value[:budget])  # type: ignore[index]
    if kind is int:
        bits = value.bit_length()  # type: ignore[attr-defined]
        if bits > 192:
            return f"<an integer of {int(bits * math.log10(2)) + 1} digits>"
        return repr(value)
    if isinstance(value, _SAFE_REPR):
        return repr(value)
    if isinstance(value, Shape):
        return f"{kind.__name__}(...)"
    if kind is dict:
        if depth >= 8:
            return "{...}"
        return _joined("{}", (_item_pair(pair) for pair in value.items()), budget, depth)  # type: ignore[attr-defined]
    if kind in (list, tuple, set, frozenset):
        brackets = {tuple: "()", list: "[]"}.get(kind, "{}")
        if depth >= 8:
            return f"{brackets[0]}...{brackets[1]}"
        return _joined(brackets, value, budget, depth)  # type: ignore[arg-type]
    try:
        text = repr(value)
    except Exception:
        return f"<{kind.__name__} object>"
    return text[:budget]


class _item_pair(tuple[object, object]):
    """A dict item, rendered ``key: value``."""


def _joined(brackets: str, items: Iterable[object], budget: int, depth: int) -> str:
    """Items rendered one by one until ``budget`` characters are used."""
    parts: list[str] = []
    used = 2
    for item in items:
        if used >= budget:
            parts.append("...")
            break
        if type(item) is _item_pair:
            key = _bounded(item[0], budget - used, depth + 1)
            part = f"{key}: {_bounded(item[1], budget - used - len(key), depth + 1)}"
        else:
            part = _bounded(item, budget - used, depth + 1)
        parts.append(part)
        used += len(part) + 2
    return brackets[0] + ", ".join(parts) + brackets[1]


def key_text(key: object) -> str:
    """A map key as shown in a path: ``Environment['KEY']``."""
    return shorten(key, 40)


# ----------------------------------------------------------------------------- problems


def wrong_type(e: Problems, path: str, expected: str, value: object, secret: bool = False) -> None:
    shown = "" if secret else f" {shorten(value)}"
    e.append(Problem(path, f"expected {expected}, got {describe(value)}{shown}"))


def bad_length(
    e: Problems, path: str, value: str, lo: int | None, hi: int | None, secret: bool = False
) -> None:
    shown = "" if secret else f" ({shorten(value)})"
    e.append(Problem(path, f"length {len(value)} {_bounds(lo, hi)}{shown}"))


def bad_size(e: Problems, path: str, size: int, lo: int | None, hi: int | None, what: str) -> None:
    e.append(Problem(path, f"{size} {what} {_bounds(lo, hi)}"))


def bad_range(e: Problems, path: str, value: float, lo: float | None, hi: float | None) -> None:
    e.append(Problem(path, f"{shorten(value)} {_bounds(lo, hi)}"))


def _bounds(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return f"is outside {lo}..{hi}"
    if lo is not None:
        return f"is below the minimum {lo}"
    return f"is above the maximum {hi}"


def bad_pattern(e: Problems, path: str, value: str, pattern: str) -> None:
    explain = _EXPLAIN.get(pattern)
    message = explain(value) if explain is not None else None
    e.append(Problem(path, message or f"{shorten(value)} does not match {pattern}"))


def unencodable(e: Problems, path: str, value: str, secret: bool = False) -> None:
    """Report a string holding a lone surrogate, which no request body can carry."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        where = f"U+{ord(value[exc.start]):04X} at position {exc.start + 1}"
        shown = "" if secret else f"{shorten(value)} "
        e.append(
            Problem(
                path,
                f"{shown}has a lone surrogate ({where}), which cannot be sent as UTF-8",
            )
        )


def bad_enum(e: Problems, path: str, value: object, enum: type[ShapeEnum]) -> None:
    if type(value) is not str and not isinstance(value, ShapeEnum):
        wrong_type(e, path, f"a {enum.__name__} value", value)
        return
    known = list(enum._value2member_map_)
    if len(known) <= 8:
        hint = "one of " + ", ".join(known)
    else:
        close = difflib.get_close_matches(str(value), known, n=3) if len(value) <= 100 else []
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
            plain = (
                type(key) is str and len(key) <= 100 and key.isprintable() and key.strip() == key
            ) and key != ""
            close = difflib.get_close_matches(key, known, n=1) if plain else []
            hint = f" (did you mean {close[0]}?)" if close else ""
            path = f"{prefix}{key}" if plain else f"{prefix[:-1]}[{key_text(key)}]"
            e.append(Problem(path, f"unknown member of {shape}{hint}"))
        elif data[key] is None:
            null(e, f"{prefix}{key}")


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


def union(e: Problems, path: str, count: int, members: tuple[str, ...]) -> None:
    e.append(
        Problem(path or "<root>", f"exactly one of {', '.join(members)} must be set, got {count}")
    )


def not_finite(e: Problems, path: str, value: float) -> None:
    e.append(Problem(path, f"{shorten(value)} is not a finite number in the range of a double"))


def unexpected_keywords(cls: type[Shape], given: Iterable[str]) -> TypeError:
    """The error for misspelled constructor keywords, with the closest member names."""
    known = [field.name for field in cls.__attrs_attrs__]
    parts = []
    for name in given:
        close = difflib.get_close_matches(name, known, n=1)
        parts.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return TypeError(
        f"{cls.__name__}() got unexpected keyword argument{'s' if len(parts) > 1 else ''} "
        + ", ".join(parts)
    )


# ----------------------------------------------------------------------------- patterns in words

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ALNUM_HYPHEN = _ALNUM | {"-"}
_CHAR_NAMES = {
    "_": "an underscore",
    " ": "a space",
    ".": "a dot",
    "/": "a slash",
    ":": "a colon",
    "\t": "a tab",
}


def _char(ch: str) -> str:
    name = _CHAR_NAMES.get(ch)
    if name is not None:
        return f"{name} ({ch!r})"
    if ch in _LINE_TERMINATORS or not ch.isprintable():
        return f"U+{ord(ch):04X}"
    return repr(ch)


def _first(value: str, allowed: Callable[[str], bool]) -> int | None:
    return next((i for i, ch in enumerate(value) if not allowed(ch)), None)


def _characters(what: str, allowed: Callable[[str], bool]) -> Callable[[str], str | None]:
    def explain(value: str) -> str | None:
        if value == "":
            return f"is empty; use {what}"
        i = _first(value, allowed)
        if i is None:
            return None
        return f"{shorten(value)} has {_char(value[i])} at position {i + 1}; use only {what}"

    return explain


def _name(value: str) -> str | None:
    found = _characters("letters, digits and hyphens", _ALNUM_HYPHEN.__contains__)(value)
    if found is not None:
        return found
    if value.startswith("-") or value.endswith("-"):
        end = "starts" if value.startswith("-") else "ends"
        return f"{shorten(value)} {end} with a hyphen; start and end with a letter or digit"
    return None


def _one_line(value: str) -> str | None:
    i = _first(value, lambda ch: ch not in _LINE_TERMINATORS)
    if i is None:
        return None
    return (
        f"{shorten(value)} has a line break ({_char(value[i])}) at position {i + 1}; use one line"
    )


def _s3_uri(value: str) -> str | None:
    scheme = next((s for s in ("s3://", "https://") if value.startswith(s)), None)
    if scheme is None:
        return f"{shorten(value)} is not an S3 URI; write s3://bucket/prefix (or an https:// URL)"
    if value[len(scheme) : len(scheme) + 1] in ("", "/"):
        return f"{shorten(value)} has no bucket after {scheme}; write {scheme}bucket/prefix"
    return _one_line(value)


def _arn(kind: str, example: str) -> Callable[[str], str]:
    return lambda value: f"{shorten(value)} is not {kind} ARN such as {example}"


def _env_name(value: str) -> str | None:
    found = _characters("letters, digits and underscores", lambda ch: ch in _ALNUM or ch == "_")(
        value
    )
    if found is None and value[:1].isdigit():
        return f"{shorten(value)} starts with a digit; environment variable names cannot"
    return found


def _blank(value: str) -> str | None:
    if value.strip(" \t\n\x0b\f\r") == "":
        return "is blank; give a non-empty value"
    return _one_line(value)


def _tag(value: str) -> str | None:
    def allowed(ch: str) -> bool:
        return ch in "_.:/=+-@" or unicodedata.category(ch)[0] in "LZN"

    return _characters("letters, digits, spaces and _ . : / = + - @", allowed)(value)


def _sagemaker_arn(resource: str, example: str) -> Callable[[str], str]:
    return _arn(
        f"a SageMaker {resource.replace('-', ' ')}",
        f"arn:aws:sagemaker:us-east-1:123456789012:{resource}/{example}",
    )


_NAME_PATTERN = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
_SAGEMAKER_ARN = "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:"
#: Model patterns said in words, each naming the first thing that breaks it.
_EXPLAIN: dict[str, Callable[[str], str | None]] = {
    _NAME_PATTERN: _name,
    "[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?": _name,
    "[a-zA-Z0-9\\-]+": _characters("letters, digits and hyphens", _ALNUM_HYPHEN.__contains__),
    "[-0-9a-zA-Z]+": _characters("letters, digits and hyphens", _ALNUM_HYPHEN.__contains__),
    "[a-zA-Z0-9:/_-]*": _characters(
        "letters, digits and : / _ - (a KMS key id, alias or ARN)",
        lambda ch: ch in _ALNUM or ch in ":/_-",
    ),
    "[a-zA-Z_][a-zA-Z0-9_]*": _env_name,
    ".*": _one_line,
    "(https|s3)://([^/]+)/?(.*)": _s3_uri,
    "(https|s3)://([^/])/?(.*)": _s3_uri,
    "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+": _arn(
        "an IAM role", "arn:aws:iam::123456789012:role/MyRole"
    ),
    _SAGEMAKER_ARN + "optimization-job/.*": _sagemaker_arn("optimization-job", "my-job"),
    _SAGEMAKER_ARN + "processing-job/" + _NAME_PATTERN: _sagemaker_arn("processing-job", "my-job"),
    _SAGEMAKER_ARN + "training-plan/.*": _sagemaker_arn("training-plan", "my-plan"),
    ".?P.*": lambda value: (
        f"{shorten(value)} is not an ISO 8601 duration such as -PT1H, -PT30M or -P1D"
    ),
    "(?!\\s*$).+": _blank,
    "[\\S]+": _characters("characters other than whitespace", lambda ch: not ch.isspace()),
    "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)": _tag,
}


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
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        try:
            return datetime.datetime.fromtimestamp(value, _UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def to_tuple(value: Iterable[_T] | None) -> tuple[_T, ...] | None:
    """List members are stored as tuples; any other iterable is taken in its order.

    Strings, bytes and mappings are iterable but never what a list member means, so they are
    left for the check to report, as is anything that is not iterable.
    """
    kind = type(value)
    if kind is tuple or value is None:
        return value  # type: ignore[return-value]
    if kind is list:
        return tuple(value)
    if isinstance(value, (str, bytes, bytearray, Mapping)) or not hasattr(value, "__iter__"):
        return value  # type: ignore[return-value]
    return tuple(value)


def to_dict(value: Mapping[_K, _V] | None) -> Mapping[_K, _V] | None:
    """Map members are stored as a private copy, so callers cannot mutate a shape."""
    if isinstance(value, Mapping):
        return dict(value)
    return value
