"""Multi-line text and HTML renderings of shapes and builders for IPython and Jupyter."""

from __future__ import annotations

import datetime
import html
from collections.abc import Mapping
from enum import Enum
from typing import Any

from sagemon._shape import Shape, masked, members_of, unknown_of

__all__ = ["html_block", "pretty_lines", "shape_tree"]


def shape_tree(obj: Any) -> Any:
    """A shape as nested dicts of its set members (Python names), for display.

    Secret members (environment maps) keep their keys and hide their values; members a
    response had that this SDK does not know are shown under ``unknown_members``.
    """
    if isinstance(obj, Shape):
        secret = obj._spec.secret
        tree = {
            name: masked(value) if name in secret else shape_tree(value)
            for name, value in members_of(obj.__dict__).items()
            if value is not None
        }
        unknown = unknown_of(obj.__dict__)
        if unknown:
            tree["unknown_members"] = unknown
        return tree
    if isinstance(obj, (list, tuple)):
        return [shape_tree(item) for item in obj]
    if isinstance(obj, Mapping):
        return {k: shape_tree(v) for k, v in obj.items()}
    return obj


def _shown(key: Any, value: Any) -> Any:
    """``value`` as displayed under ``key``: a secret member's values are hidden."""
    from sagemon._generated.shapes import SECRET_MEMBERS

    return masked(value) if key in SECRET_MEMBERS and isinstance(value, Mapping) else value


def _scalar(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return repr(value)


def pretty_lines(value: Any, level: int = 0) -> list[str]:
    """Indented ``key: value`` lines; nested objects and lists open a block."""
    pad = "  " * level
    lines: list[str] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            item = _shown(key, item)  # noqa: PLW2901
            if isinstance(item, (Mapping, list)) and item:
                lines.append(f"{pad}{key}:")
                lines += pretty_lines(item, level + 1)
            else:
                shown = repr(item) if isinstance(item, (Mapping, list)) else _scalar(item)
                lines.append(f"{pad}{key}: {shown}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (Mapping, list)) and item:
                nested = pretty_lines(item, level + 1)
                lines.append(f"{pad}- {nested[0].strip()}")
                lines += nested[1:]
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    else:
        lines.append(f"{pad}{_scalar(value)}")
    return lines


def _html(value: Any) -> str:
    if isinstance(value, Mapping):
        rows = "".join(
            f"<tr><th style='text-align:left;vertical-align:top'>{html.escape(str(k))}</th><td>{_html(_shown(k, v))}</td></tr>"
            for k, v in value.items()
        )
        return f"<table>{rows}</table>"
    if isinstance(value, list):
        return "<ol start='0'>" + "".join(f"<li>{_html(v)}</li>" for v in value) + "</ol>"
    return f"<code>{html.escape(_scalar(value))}</code>"


def html_block(title: str, value: Any, missing: list[str] | None = None) -> str:
    """An HTML rendering with a title and, for builders, what is still missing."""
    body = f"<div><strong>{html.escape(title)}</strong>{_html(value)}"
    if missing:
        items = "".join(f"<li>{html.escape(m)}</li>" for m in missing)
        body += f"<div style='color:#b00'>still missing:<ul>{items}</ul></div>"
    return body + "</div>"
