"""The base of the report models (data kept whole, typed view derived) and their display.

A report object holds the file's JSON data privately and never changes it; its typed fields are
derived from that data when the object is made, and an edit makes new data and a new object. So
``to_dict()`` gives back exactly what was read, by construction. Reports display as tables: text
for terminals (``str(report)``, ``sagemon report``), HTML in Jupyter, and pandas frames on request.
"""

from __future__ import annotations

import html
import json
import math
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar, Protocol, TypeAlias

import attrs
from typing_extensions import Self

from sagemon._reports_json import (
    MAX_REPORT_BYTES,
    JSONObject,
    JSONValue,
    canonical,
    copy_json,
    json_equal,
    normalise,
    parse_json,
)
from sagemon.errors import ReportError

if TYPE_CHECKING:
    import pandas

__all__ = ["Cell", "Report", "Table", "Tabular", "format_cell", "plural"]

Cell: TypeAlias = "str | int | float | bool | None"
"""A table cell: text, a number, a flag, or nothing."""


@attrs.frozen
class Table:
    """One table of a report's display: a title, column names and rows of cells."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()

    def records(self) -> list[dict[str, Cell]]:
        """The rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def format_cell(value: Cell) -> str:
    """A cell as text: numbers to six significant digits, ``NaN``/``Infinity`` as JSON spells
    them, ``-`` for nothing."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return f"{value:.6g}"
    if isinstance(value, int):
        return str(value)
    return " ".join(value.split()) if any(c in value for c in "\r\n\t") else value


def _numeric(value: Cell) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _numeric_column(table: Table, index: int) -> bool:
    """Whether a column holds numbers (and nothing else but empty cells): then it is right-aligned."""
    values = [row[index] for row in table.rows if row[index] is not None]
    return bool(values) and all(_numeric(v) for v in values)


def _text_table(table: Table) -> list[str]:
    lines = [table.title]
    if not table.rows:
        lines.append("  (none)")
    else:
        cells = [[format_cell(c) for c in row] for row in table.rows]
        widths = [
            max(len(name), *(len(row[i]) for row in cells)) for i, name in enumerate(table.columns)
        ]
        right = [_numeric_column(table, i) for i in range(len(table.columns))]

        def line(values: list[str]) -> str:
            parts = [
                v.rjust(w) if r else v.ljust(w)
                for v, w, r in zip(values, widths, right, strict=True)
            ]
            return ("  " + "  ".join(parts)).rstrip()

        lines.append(line(list(table.columns)))
        lines.append(line(["-" * w for w in widths]))
        lines.extend(line(row) for row in cells)
    lines.extend(f"  {note}" for note in table.notes)
    return lines


def _html_table(table: Table) -> str:
    right = [_numeric_column(table, i) for i in range(len(table.columns))]
    head = "".join(
        f"<th style='text-align:{'right' if right[i] else 'left'}'>{html.escape(c)}</th>"
        for i, c in enumerate(table.columns)
    )
    body = []
    for row in table.rows:
        cells = "".join(
            f"<td style='text-align:{'right' if right[i] else 'left'}'>"
            f"{html.escape(format_cell(c))}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    rows = "".join(body) or (f"<tr><td colspan='{len(table.columns)}'><em>none</em></td></tr>")
    notes = "".join(f"<div>{html.escape(note)}</div>" for note in table.notes)
    return (
        f"<div style='margin-bottom:0.8em'><strong>{html.escape(table.title)}</strong>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{notes}</div>"
    )


class _Printer(Protocol):
    """What IPython's pretty printer offers ``_repr_pretty_``."""

    def text(self, text: str) -> None: ...


class Tabular:
    """Display as tables: ``to_text()``, ``_repr_html_()`` for Jupyter, ``to_pandas()``."""

    __slots__ = ()

    def _title(self) -> str:
        raise NotImplementedError

    def _tables(self) -> tuple[Table, ...]:
        raise NotImplementedError

    def to_text(self) -> str:
        """The tables as aligned plain text, as ``sagemon report`` prints them."""
        lines = [self._title()]
        for table in self._tables():
            lines.append("")
            lines.extend(_text_table(table))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        tables = "".join(_html_table(t) for t in self._tables())
        return f"<div><div><strong>{html.escape(self._title())}</strong></div>{tables}</div>"

    def _repr_pretty_(self, printer: _Printer, cycle: bool) -> None:
        printer.text(repr(self) if cycle else self.to_text())

    def to_pandas(self, table: str | None = None) -> pandas.DataFrame:
        """The main table (or the one named ``table``) as a pandas DataFrame; needs pandas.

        Numbers stay numbers (a missing one is NaN); ``pip install "sagemon[pandas]"``.
        """
        try:
            import pandas
        except ImportError as exc:
            raise ImportError('to_pandas() needs pandas: pip install "sagemon[pandas]"') from exc
        tables = self._tables()
        if table is None:
            chosen = tables[0]
        else:
            found = [t for t in tables if t.key == table]
            if not found:
                names = ", ".join(repr(t.key) for t in tables)
                raise ReportError(f"no table {table!r} here; the tables are {names}")
            chosen = found[0]
        frame: pandas.DataFrame = pandas.DataFrame(
            [list(row) for row in chosen.rows], columns=list(chosen.columns)
        )
        return frame


@attrs.frozen(eq=False, repr=False)
class Report(Tabular):
    """Base of the report models: a report file's data, kept whole, and its typed view.

    ``to_dict()`` returns exactly the data that was read (unknown keys, ``"NaN"`` strings and
    ``int`` versus ``float`` included); the typed fields are derived from it and are ``None``
    where the file has no usable value. Two reports are equal when their data is the same.
    """

    __module__ = "sagemon.reports"

    KIND: ClassVar[str] = "report"
    """A short name of the kind, e.g. ``data-quality-statistics`` (used by ``sagemon report``)."""
    TITLE: ClassVar[str] = "a report"
    """What the kind is called in messages."""
    FILE_NAME: ClassVar[str] = ""
    """The file name the container writes this kind under."""

    _data: JSONObject = attrs.field(converter=normalise)

    def __attrs_post_init__(self) -> None:
        score, reason = self._evidence(self._data)
        if score <= 0:
            raise ReportError(f"this is not {self.TITLE}: {reason}")
        self._derive()

    # -- making one

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        """The report ``data`` holds (parsed JSON); it is copied, never kept or changed.

        Raises ReportError if ``data`` is not JSON data or clearly is another kind of report.
        """
        return cls(data)

    @classmethod
    def from_json(cls, text: str | bytes, *, max_bytes: int = MAX_REPORT_BYTES) -> Self:
        """The report in JSON ``text`` (bare ``NaN``/``Infinity`` allowed); ReportError if not."""
        return cls._of(parse_json(text, max_bytes=max_bytes))

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], *, max_bytes: int = MAX_REPORT_BYTES) -> Self:
        """The report in the local file ``path`` (at most ``max_bytes`` long).

        Raises ReportError for a file that is not such a report, RefusedFileError for one that
        is too large or not a regular file, and OSError if it cannot be read.
        """
        from sagemon._files import read_limited

        return cls.from_json(read_limited(path, max_bytes=max_bytes), max_bytes=max_bytes)

    @classmethod
    def _of(cls, data: JSONObject) -> Self:
        """A report of JSON data that is already a private copy (no second copy is made)."""
        report = cls.__new__(cls)
        object.__setattr__(report, "_data", data)
        report.__attrs_post_init__()
        return report

    @classmethod
    def _evidence(cls, data: JSONObject) -> tuple[int, str]:
        """How strongly ``data`` looks like this kind (0: not at all) and, if not, why."""
        raise NotImplementedError

    def _derive(self) -> None:
        """Set the typed fields from ``self._data``."""
        raise NotImplementedError

    def _set(self, **values: object) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _edited(self, data: JSONObject) -> Self:
        return type(self)._of(data)

    def __reduce__(self) -> tuple[object, tuple[type[Report], JSONObject]]:
        return (_rebuild, (type(self), self._data))

    # -- giving it back

    def to_dict(self) -> dict[str, JSONValue]:
        """The report's data: exactly what was read, or the result of the edits made."""
        result = copy_json(self._data)
        assert isinstance(result, dict)
        return result

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text; NaN and infinities are written as bare tokens, as read."""
        return json.dumps(self._data, indent=indent, ensure_ascii=False)

    # -- comparing and showing

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Report)
        return json_equal(self._data, other._data)

    def __hash__(self) -> int:
        return hash((type(self).__name__, canonical(self._data)))

    def _summary(self) -> str:
        raise NotImplementedError

    def _title(self) -> str:
        return f"{type(self).__name__}: {self._summary()}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self._summary()}>"


def _rebuild(cls: type[Report], data: JSONObject) -> Report:
    """A pickled report, made again from its data."""
    return cls._of(data)


def plural(count: int, noun: str, suffix: str = "s") -> str:
    """``1 feature``, ``2 features``."""
    return f"{count} {noun}{'' if count == 1 else suffix}"
