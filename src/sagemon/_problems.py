"""Problem messages: what is wrong with a value, said briefly and never rendering more than shown.

The generated checks call these; each appends a :class:`~sagemon.errors.Problem` with its path.
"""

from __future__ import annotations

import datetime
import functools
import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any

from sagemon._patterns import LINE_TERMINATORS, java_pattern
from sagemon._shape import Shape, ShapeEnum
from sagemon.errors import Problem

__all__ = [
    "Problems",
    "bad_enum",
    "bad_length",
    "bad_pattern",
    "bad_range",
    "bad_size",
    "describe",
    "key_text",
    "missing",
    "not_an_enum_member",
    "not_finite",
    "null",
    "shorten",
    "string_problem",
    "unencodable",
    "unexpected_keywords",
    "union",
    "unknown_keys",
    "wrong_type",
]


Problems = list[Problem]


def _close_matches(word: str, known: Iterable[str], n: int) -> list[str]:
    """``difflib.get_close_matches``, imported only when a problem needs a suggestion."""
    import difflib

    return difflib.get_close_matches(word, known, n=n)


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
    # Exact types, not isinstance: a subclass (a str enum, a named tuple) renders by its repr.
    kind = type(value)
    if type(value) is str or type(value) is bytes:
        return repr(value[:budget])
    if type(value) is int:
        bits = value.bit_length()
        if bits > 192:
            return f"<an integer of {int(bits * math.log10(2)) + 1} digits>"
        return repr(value)
    if isinstance(value, _SAFE_REPR):
        return repr(value)
    if isinstance(value, Shape):
        return f"{kind.__name__}(...)"
    if type(value) is dict:
        if depth >= 8:
            return "{...}"
        return _joined("{}", (_item_pair(pair) for pair in value.items()), budget, depth)
    if isinstance(value, (list, tuple, set, frozenset)) and kind in _CONTAINERS:
        brackets = _CONTAINERS[kind]
        if depth >= 8:
            return f"{brackets[0]}...{brackets[1]}"
        return _joined(brackets, value, budget, depth)
    try:
        text = repr(value)
    except Exception:
        return f"<{kind.__name__} object>"
    return text[:budget]


_CONTAINERS: dict[type, str] = {list: "[]", tuple: "()", set: "{}", frozenset: "{}"}


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


@functools.cache
def _matcher(java: str) -> Callable[[str], bool]:
    return java_pattern(java)


def string_problem(
    e: Problems,
    path: str,
    value: str,
    lo: int | None,
    hi: int | None,
    java: str | None = None,
    secret: bool = False,
) -> None:
    """The problem of a string its member's fast check rejected: a length out of bounds, else a
    pattern it does not match, else a lone surrogate; none for valid non-ASCII text."""
    if (lo is not None and len(value) < lo) or (hi is not None and len(value) > hi):
        bad_length(e, path, value, lo, hi, secret)
    elif java is not None and not _matcher(java)(value):
        bad_pattern(e, path, value, java)
    elif not value.isascii():
        unencodable(e, path, value, secret)


def bad_enum(e: Problems, path: str, value: object, enum: type[ShapeEnum]) -> None:
    if type(value) is not str and not isinstance(value, ShapeEnum):
        wrong_type(e, path, f"a {enum.__name__} value", value)
        return
    known = list(enum._value2member_map_)
    if len(known) <= 8:
        hint = "one of " + ", ".join(known)
    else:
        close = _close_matches(str(value), known, n=3) if len(value) <= 100 else []
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
            close = _close_matches(key, known, n=1) if plain else []
            hint = f" (did you mean {close[0]}?)" if close else ""
            path = f"{prefix}{key}" if plain else f"{prefix[:-1]}[{key_text(key)}]"
            e.append(Problem(path, f"unknown member of {shape}{hint}"))
        elif data[key] is None:
            null(e, f"{prefix}{key}")


def union(e: Problems, path: str, count: int, members: tuple[str, ...]) -> None:
    e.append(
        Problem(path or "<root>", f"exactly one of {', '.join(members)} must be set, got {count}")
    )


def not_finite(e: Problems, path: str, value: float) -> None:
    e.append(Problem(path, f"{shorten(value)} is not a finite number in the range of a double"))


def unexpected_keywords(cls: type[Shape], given: Iterable[str]) -> TypeError:
    """The error for misspelled constructor keywords, with the closest member names."""
    known = [m.python for m in cls._spec.members]
    parts = []
    for name in given:
        close = _close_matches(name, known, n=1)
        parts.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return TypeError(
        f"{cls.__name__}() got unexpected keyword argument{'s' if len(parts) > 1 else ''} "
        + ", ".join(parts)
    )


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
    if ch in LINE_TERMINATORS or not ch.isprintable():
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


def _underscored_name(value: str) -> str | None:
    found = _characters(
        "letters, digits, hyphens and underscores", lambda ch: ch in _ALNUM or ch in "-_"
    )(value)
    if found is None and (value[:1] in "-_" or value[-1:] in "-_"):
        return f"{shorten(value)} starts or ends with {value[0] if value[:1] in '-_' else value[-1]!r}; start and end with a letter or digit"
    return found


def _xml_char(ch: str) -> bool:
    """A character XML 1.0 allows (tab, and printable planes without surrogates)."""
    code = ord(ch)
    return ch == "\t" or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def _one_line(value: str) -> str | None:
    i = _first(value, lambda ch: ch not in LINE_TERMINATORS)
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
    _SAGEMAKER_ARN + "automl-job/.*": _sagemaker_arn("automl-job", "my-job"),
    _SAGEMAKER_ARN + "training-job/" + _NAME_PATTERN: _sagemaker_arn("training-job", "my-job"),
    "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}": _name,
    "[a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63}": _underscored_name,
    "[a-zA-Z0-9._-]+": _characters(
        "letters, digits and . _ -", lambda ch: ch in _ALNUM or ch in "._-"
    ),
    "[\\s\\S]+": lambda value: "is empty; give a non-empty value" if value == "" else None,
    "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*": _characters(
        "printable characters and tabs", _xml_char
    ),
    ".?P.*": lambda value: (
        f"{shorten(value)} is not an ISO 8601 duration such as -PT1H, -PT30M or -P1D"
    ),
    "(?!\\s*$).+": _blank,
    "[\\S]+": _characters("characters other than whitespace", lambda ch: not ch.isspace()),
    "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)": _tag,
}
