"""The JSON under the report models: reading that keeps every value, lenient typed reads, edits.

Report files are written by containers (Jackson in the Model Monitor analyzer, Python's ``json`` in
Clarify) and by hand. Their data is kept exactly as read (key order, spellings, ``int`` versus
``float``, ``"NaN"`` strings, bare ``NaN``/``Infinity`` tokens, unknown keys); the typed view is
derived from it with readers that return ``None`` instead of raising on a missing or odd value.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeAlias, TypeVar

from sagemon.errors import ReportError

__all__ = [
    "MAX_DEPTH",
    "MAX_REPORT_BYTES",
    "FrozenMap",
    "JSONObject",
    "JSONValue",
    "as_float",
    "as_float_tuple",
    "as_int",
    "as_str_tuple",
    "canonical",
    "copy_json",
    "get_bool",
    "get_float",
    "get_int",
    "get_list",
    "get_object",
    "get_str",
    "json_equal",
    "normalise",
    "parse_json",
    "type_name",
]

JSONValue: TypeAlias = str | int | float | bool | list["JSONValue"] | dict[str, "JSONValue"] | None
"""A value of a JSON document as Python's ``json`` module reads it."""

JSONObject: TypeAlias = dict[str, JSONValue]
"""A JSON object: what a report file holds at its top level."""

MAX_REPORT_BYTES = 64 * 1024 * 1024
"""Default size limit of a report file (64 MiB): statistics files carry KLL sketches per feature,
so they are much larger than request files; this still bounds memory for a file of unknown origin."""

MAX_DEPTH = 100
"""How deeply a report may nest objects and lists (real files nest at most eight levels)."""

_NUMBER_WORDS = {
    "nan": math.nan,
    "infinity": math.inf,
    "-infinity": -math.inf,
    "+infinity": math.inf,
}


_K = TypeVar("_K")
_V = TypeVar("_V")


class FrozenMap(Mapping[_K, _V]):
    """A read-only mapping of the typed view (hashable and picklable, unlike a mappingproxy)."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[_K, _V] | None = None) -> None:
        self._items: dict[_K, _V] = dict(items or {})

    def __getitem__(self, key: _K) -> _V:
        return self._items[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __repr__(self) -> str:
        return repr(self._items)

    def __reduce__(self) -> tuple[type[FrozenMap[_K, _V]], tuple[dict[_K, _V]]]:
        return (type(self), (self._items,))


# ----------------------------------------------------------------------------- reading


def parse_json(text: str | bytes, *, max_bytes: int = MAX_REPORT_BYTES) -> JSONObject:
    """The JSON object ``text`` holds; ReportError if it is too large, not JSON or not an object.

    Bare ``NaN``, ``Infinity`` and ``-Infinity`` tokens are accepted (Clarify writes them with
    Python's ``json``). A key that appears twice in one object is refused: keeping only one of
    the values would silently drop data.
    """
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ReportError(f"the report is {size:,} bytes; the limit is {max_bytes:,}")
    if isinstance(text, str):
        text = text.removeprefix("\ufeff")
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, JSONValue]]) -> JSONObject:
        obj = dict(items)
        if len(obj) != len(items) and not duplicates:
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    duplicates.append(key)
                seen.add(key)
        return obj

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except RecursionError:
        raise ReportError(f"not a report: nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too many digits
        hint = ""
        if isinstance(text, str) and not text.lstrip().startswith(("{", "[")):
            hint = " (for a file, use from_path(path) or load_path(path))"
        raise ReportError(f"not valid JSON: {_cut(str(exc))}{hint}") from None
    if duplicates:
        raise ReportError(
            f"the key {_cut(duplicates[0], 60)!r} appears twice in one object; a report keeps"
            " every value, so this file cannot be read faithfully"
        )
    # Python's json nests as deep as the interpreter allows (deeper from 3.13 on): depth first,
    # so that too deep is reported as such whatever the top-level value is.
    if _too_deep(data):
        raise ReportError(f"not a report: nested more than {MAX_DEPTH} levels deep")
    if not isinstance(data, dict):
        raise ReportError(f"a report file holds a JSON object, not {type_name(data)}")
    return data


def normalise(data: object, where: str = "") -> JSONObject:
    """A fresh copy of ``data`` as plain JSON data; ReportError naming the path of any other value.

    Mappings with string keys become dicts, lists and tuples become lists; ``None``, booleans,
    integers, floats and strings are kept as they are.
    """
    if not isinstance(data, Mapping):
        raise ReportError(f"a report is a JSON object (a mapping), not {type_name(data)}")
    result = _normalise(data, where, 1)
    assert isinstance(result, dict)
    return result


def _normalise(value: object, path: str, depth: int) -> JSONValue:
    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value if type(value) in (bool, int, float, str) else _plain_scalar(value)
    if depth > MAX_DEPTH:
        raise ReportError(f"{path or '<root>'}: nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, Mapping):
        result: JSONObject = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ReportError(
                    f"{path or '<root>'}: the key {_cut(repr(key), 60)} is not a string; JSON"
                    " object keys are strings"
                )
            result[key] = _normalise(item, _member(path, key), depth + 1)
        return result
    if isinstance(value, (list, tuple)):
        return [_normalise(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]
    raise ReportError(f"{path or '<root>'}: {type_name(value)} is not a JSON value")


def _plain_scalar(value: bool | int | float | str) -> JSONValue:
    """A subclass instance (an IntEnum, a numpy-like float) as the plain type it extends."""
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    raise AssertionError(value)  # pragma: no cover


def copy_json(value: JSONValue) -> JSONValue:
    """A deep copy of JSON data (faster than ``copy.deepcopy`` for these types)."""
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


def _too_deep(data: JSONValue) -> bool:
    stack: list[tuple[JSONValue, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children: Iterator[JSONValue]
        if isinstance(value, dict):
            children = iter(value.values())
        elif isinstance(value, list):
            children = iter(value)
        else:
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((item, depth + 1) for item in children if isinstance(item, (dict, list)))
    return False


# ----------------------------------------------------------------------------- comparing


def json_equal(a: JSONValue, b: JSONValue) -> bool:
    """Whether two JSON values are the same data: same keys, same types, NaN equal to NaN.

    Unlike ``==``, ``1`` and ``1.0`` differ (and ``True`` and ``1``); key order does not matter.
    """
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return a.keys() == b.keys() and all(json_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        assert isinstance(b, list)
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def canonical(value: JSONValue) -> object:
    """A hashable form of JSON data that is equal exactly when :func:`json_equal` holds."""
    if isinstance(value, dict):
        return ("{}", tuple(sorted((k, canonical(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("[]", tuple(canonical(v) for v in value))
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


# ----------------------------------------------------------------------------- typed reads


def get_object(data: JSONValue, key: str) -> JSONObject | None:
    """``data[key]`` if ``data`` is an object and that member is an object, else None."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else None


def get_list(data: JSONValue, key: str) -> list[JSONValue] | None:
    """``data[key]`` if ``data`` is an object and that member is a list, else None."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else None


def get_str(data: JSONValue, key: str) -> str | None:
    """``data[key]`` if it is a string, else None."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def get_bool(data: JSONValue, key: str) -> bool | None:
    """``data[key]`` if it is a boolean, else None."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, bool) else None


def get_float(data: JSONValue, key: str) -> float | None:
    """``data[key]`` as a float (see :func:`as_float`), else None."""
    return as_float(data.get(key) if isinstance(data, dict) else None)


def get_int(data: JSONValue, key: str) -> int | None:
    """``data[key]`` as an int (see :func:`as_int`), else None."""
    return as_int(data.get(key) if isinstance(data, dict) else None)


def as_float(value: JSONValue) -> float | None:
    """A number as a float; the strings ``"NaN"``, ``"Infinity"`` and numerals too; else None.

    Model-quality files write a missing standard deviation as the string ``"NaN"``; a hand-made
    file may quote any number. Booleans are not numbers here.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return value
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:  # an integer beyond the float range
            return math.inf if value > 0 else -math.inf
    if isinstance(value, str) and len(value) <= 100:
        word = _NUMBER_WORDS.get(value.strip().lower())
        if word is not None:
            return word
        try:
            return float(value)
        except ValueError:
            return None
    return None


def as_int(value: JSONValue) -> int | None:
    """An integer, or a float with an integral value (``24.0``), as an int; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def as_str_tuple(values: Sequence[JSONValue] | None) -> tuple[str, ...] | None:
    """The strings of a list (other items skipped), or None when there is no list."""
    if values is None:
        return None
    return tuple(v for v in values if isinstance(v, str))


def as_float_tuple(values: Sequence[JSONValue] | None) -> tuple[float, ...] | None:
    """The numbers of a list as floats (other items skipped), or None when there is no list."""
    if values is None:
        return None
    return tuple(f for f in map(as_float, values) if f is not None)


# ----------------------------------------------------------------------------- messages


def type_name(value: object) -> str:
    """How a value is named in messages: ``a list``, ``the string 'x'``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {_cut(repr(value), 60)}"
    if isinstance(value, (int, float)):
        return f"the number {_cut(repr(value), 60)}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def _member(prefix: str, key: str) -> str:
    if key.isprintable() and key.strip() == key != "" and len(key) <= 60 and "." not in key:
        return f"{prefix}.{key}" if prefix else key
    return f"{prefix}[{_cut(repr(key), 60)}]"


def _cut(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
