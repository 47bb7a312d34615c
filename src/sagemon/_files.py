"""Requests and responses as JSON or YAML documents, in the wire format."""

from __future__ import annotations

import datetime
import json
from typing import Any, TypeVar

from sagemon._runtime import Shape
from sagemon._wire import from_wire, to_wire
from sagemon.errors import Problem, ValidationError

__all__ = ["from_json", "from_yaml", "load_document", "to_json", "to_yaml"]

_S = TypeVar("_S", bound=Shape)


def _plain(value: Any) -> Any:
    """Wire values as JSON/YAML types: timestamps become ISO 8601 strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def to_json(obj: Shape, *, indent: int | None = 2) -> str:
    """The wire form of ``obj`` as JSON (timestamps as ISO 8601 strings)."""
    return json.dumps(_plain(to_wire(obj)), indent=indent, ensure_ascii=False)


def from_json(cls: type[_S], text: str | bytes) -> _S:
    """Parse and validate a JSON document of ``cls`` (strict, like ``from_wire``)."""
    return from_wire(cls, load_document(text, "json"))


def to_yaml(obj: Shape) -> str:
    """The wire form of ``obj`` as YAML (needs PyYAML)."""
    yaml = _yaml()
    text: str = yaml.safe_dump(_plain(to_wire(obj)), sort_keys=False, allow_unicode=True)
    return text


def from_yaml(cls: type[_S], text: str | bytes) -> _S:
    """Parse and validate a YAML document of ``cls`` (needs PyYAML)."""
    return from_wire(cls, load_document(text, "yaml"))


def load_document(text: str | bytes, kind: str) -> Any:
    """JSON or YAML text as data; a syntax error is a ValidationError at ``<root>``."""
    try:
        if kind == "json":
            return json.loads(text)
        return _yaml().safe_load(text)
    except ImportError:
        raise
    except Exception as exc:  # json.JSONDecodeError, yaml.YAMLError, UnicodeDecodeError
        raise ValidationError([Problem("<root>", f"not valid {kind.upper()}: {exc}")]) from exc


def _yaml() -> Any:
    try:
        import yaml
    except ImportError as exc:
        raise ImportError("YAML support needs PyYAML: pip install pyyaml") from exc
    return yaml
