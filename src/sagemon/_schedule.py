"""Schedule expressions and ISO 8601 offsets, in the forms Model Monitor supports.

:class:`Schedule` is a validated value. The module-level checks report problems instead of
raising, so the cross-field rules can apply them to whatever a request holds.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, NoReturn

from sagemon._problems import describe, shorten
from sagemon.errors import Problem, ValidationError

__all__ = ["Schedule", "format_offset", "parse_offset"]

SUPPORTED_FORMS = (
    "cron(0 * ? * * *) (hourly), cron(0 H ? * * *) (daily at hour H), "
    "cron(0 H/N ? * * *) (every N hours from hour H), or NOW (once, with data-analysis offsets)"
)

HOURLY = "cron(0 * ? * * *)"
_DAILY = re.compile(r"cron\(0 (\d{1,2}) \? \* \* \*\)")
_EVERY = re.compile(r"cron\(0 (\d{1,2})/(\d{1,2}) \? \* \* \*\)")
_DURATION = re.compile(
    r"(?P<sign>[+-])?P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?"
)
_UNITS = ("weeks", "days", "hours", "minutes", "seconds")
_HOUR = datetime.timedelta(hours=1)
MAX_WINDOW = datetime.timedelta(hours=24)


# ----------------------------------------------------------------------------- offsets


def offset_or_message(text: object) -> datetime.timedelta | str:
    """The offset ``text`` stands for, or why it is not one (never raises)."""
    if type(text) is str:
        seconds = offset_seconds(text)
        if seconds is not None:
            return datetime.timedelta(seconds=seconds)
    return _parse_offset(text)


#: The usual offset, one unit such as ``-PT2H`` or ``-P1D``, read without the general pattern.
#: At most six digits, so that it is always within a timedelta's range.
_ONE_UNIT_FORM = r"([+-]?)P(?:(\d{1,6})([WD])|T(\d{1,6})([HMS]))"
_ONE_UNIT = re.compile(_ONE_UNIT_FORM, re.ASCII).fullmatch
#: Two offsets in the one-unit form, a line each, read in one match: the form holds no line
#: break, so the two lines match only where each would alone.
_TWO_ONE_UNIT = re.compile(f"{_ONE_UNIT_FORM}\n{_ONE_UNIT_FORM}", re.ASCII).fullmatch
_UNIT_SECONDS = {"W": 604800, "D": 86400, "H": 3600, "M": 60, "S": 1}


def offset_seconds(text: str) -> int | None:
    """The signed seconds of an offset in the usual one-unit form (``-PT2H``), else ``None``:
    any other text, valid or not, is for :func:`offset_or_message` to read in full."""
    m = _ONE_UNIT(text)
    if m is None:
        return None
    # One of the two (count, unit) pairs is set: a count is never empty.
    sign, count, unit, clock_count, clock_unit = m.groups()
    seconds = int(count or clock_count) * _UNIT_SECONDS[unit or clock_unit]
    return -seconds if sign == "-" else seconds


def offsets_in_order(first: str, last: str) -> bool | None:
    """Whether offset ``first`` is before ``last``, if both are in the one-unit form (else
    ``None``): :func:`offset_seconds` of both, compared, with one match for the two."""
    m = _TWO_ONE_UNIT(f"{first}\n{last}")
    if m is None:
        return None
    sign, count, unit, clock_count, clock_unit, sign2, count2, unit2, clock_count2, clock_unit2 = (
        m.groups()
    )
    start = int(count or clock_count) * _UNIT_SECONDS[unit or clock_unit]
    end = int(count2 or clock_count2) * _UNIT_SECONDS[unit2 or clock_unit2]
    return (-start if sign == "-" else start) < (-end if sign2 == "-" else end)


def _parse_offset(text: object) -> datetime.timedelta | str:
    stripped = text.strip() if isinstance(text, str) else ""
    m = _DURATION.fullmatch(stripped)
    if m is None or not any(m.group(k) for k in _UNITS):
        return (
            f"{shorten(text)} is not an ISO 8601 duration such as -PT1H, -PT30M or -P1D "
            "(weeks, days, hours, minutes, seconds)"
        )
    if stripped.endswith("T"):
        return f"{shorten(text)} has a T with no hours, minutes or seconds after it"
    try:
        value = datetime.timedelta(
            weeks=int(m.group("weeks") or 0),
            days=int(m.group("days") or 0),
            hours=int(m.group("hours") or 0),
            minutes=int(m.group("minutes") or 0),
            seconds=float(m.group("seconds") or 0),
        )
    except (OverflowError, ValueError):  # beyond timedelta's range, or too many digits for int()
        return f"{shorten(text)} is out of range; an offset is at most 999999999 days"
    return -value if m.group("sign") == "-" else value


def parse_offset(text: str) -> datetime.timedelta:
    """``"-PT1H"`` → ``timedelta(hours=-1)``: an ISO 8601 duration with weeks, days, hours,
    minutes or seconds (years and months have no fixed length and are rejected).

    Raises :class:`~sagemon.ValidationError` (a ``ValueError``) for anything else.
    """
    value = offset_or_message(text)
    if isinstance(value, str):
        raise ValidationError([Problem("", value)])
    return value


def format_offset(value: datetime.timedelta) -> str:
    """``timedelta(hours=-1)`` → ``"-PT1H"``, the ISO 8601 form AWS expects."""
    if not isinstance(value, datetime.timedelta):
        raise TypeError(f"format_offset() takes a timedelta, not {type(value).__name__}")
    sign = "-" if value < datetime.timedelta(0) else ""
    value = abs(value)
    days, rest = value.days, value.seconds
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    micro = value.microseconds
    text = f"{sign}P" + (f"{days}D" if days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if seconds or micro:
        clock += f"{seconds}.{micro:06d}".rstrip("0").rstrip(".") + "S"
    if clock or not days:
        text += "T" + (clock or "0S")
    return text


# ----------------------------------------------------------------------------- checks


def frequency(expression: str) -> datetime.timedelta | None:
    """How often ``expression`` runs; ``None`` for ``NOW`` or an unsupported expression."""
    if expression == HOURLY:
        return _HOUR
    if _DAILY.fullmatch(expression):
        return 24 * _HOUR
    m = _EVERY.fullmatch(expression)
    return int(m.group(2)) * _HOUR if m else None


def expression_problems(expression: str, path: str) -> list[Problem]:
    """Every way ``expression`` breaks the documented forms (at ``path``)."""
    out: list[Problem] = []
    if expression != "NOW" and frequency(expression) is None:
        out.append(
            Problem(
                path, f"{shorten(expression)} is not a supported schedule; use {SUPPORTED_FORMS}"
            )
        )
    for m in (_DAILY.fullmatch(expression), _EVERY.fullmatch(expression)):
        if m and int(m.group(1)) > 23:
            out.append(
                Problem(path, f"hour {m.group(1)} is not 0-23; pick an hour of the day in UTC")
            )
    m = _EVERY.fullmatch(expression)
    if m and not 1 <= int(m.group(2)) <= 24:
        out.append(
            Problem(
                path, f"every {m.group(2)} hours is not 1-24; pick an interval of 1 to 24 hours"
            )
        )
    return out


def now_problems(expression: str, has_start: bool, has_end: bool, prefix: str) -> list[Problem]:
    """A ``NOW`` schedule needs both data-analysis offsets."""
    if expression != "NOW" or (has_start and has_end):
        return []
    member = "DataAnalysisEndTime" if has_start else "DataAnalysisStartTime"
    return [
        Problem(
            f"{prefix}{member}",
            "a NOW schedule needs DataAnalysisStartTime and DataAnalysisEndTime; "
            "set both (e.g. -PT2H, -PT1H)",
        )
    ]


def window_problems(
    start: datetime.timedelta, end: datetime.timedelta, prefix: str
) -> list[Problem]:
    """The analysis window starts before it ends and spans at most 24 hours."""
    window = end - start
    path = f"{prefix}DataAnalysisStartTime"
    if window <= datetime.timedelta(0):
        return [Problem(path, "the analysis window must start before it ends; swap the offsets")]
    if window > MAX_WINDOW:
        hours = window / _HOUR
        return [
            Problem(path, f"the analysis window is {hours:g} hours; shorten it to at most 24 hours")
        ]
    return []


# ----------------------------------------------------------------------------- the value


class Schedule:
    """A Model Monitor schedule: a supported expression and, optionally, the analysis window.

    Build one with :meth:`hourly`, :meth:`daily`, :meth:`every` or :meth:`once`, or check an
    expression as given on the wire with ``Schedule(expression, start=..., end=...)``: anything
    unsupported raises :class:`~sagemon.ValidationError` listing the supported forms. Offsets
    are timedeltas or ISO 8601 strings (``-PT2H``). Schedules are immutable and hashable.
    """

    __module__ = "sagemon"

    __slots__ = ("end_offset", "expression", "start_offset")

    expression: str
    start_offset: datetime.timedelta | None
    end_offset: datetime.timedelta | None

    def __init__(
        self,
        expression: str,
        start: datetime.timedelta | str | None = None,
        end: datetime.timedelta | str | None = None,
    ) -> None:
        problems: list[Problem] = []
        if type(expression) is not str:
            problems.append(
                Problem(
                    "ScheduleExpression",
                    f"expected a string, got {describe(expression)} {shorten(expression)}",
                )
            )
        else:
            problems += expression_problems(expression, "ScheduleExpression")
        start_offset = _coerce(start, "DataAnalysisStartTime", problems)
        end_offset = _coerce(end, "DataAnalysisEndTime", problems)
        if type(expression) is str:
            problems += now_problems(expression, start is not None, end is not None, "")
        if start_offset is not None and end_offset is not None:
            problems += window_problems(start_offset, end_offset, "")
        if problems:
            raise ValidationError(problems, "Schedule")
        object.__setattr__(self, "expression", expression)
        object.__setattr__(self, "start_offset", start_offset)
        object.__setattr__(self, "end_offset", end_offset)

    @classmethod
    def hourly(cls) -> Schedule:
        """Every hour, on the hour (UTC)."""
        return cls(HOURLY)

    @classmethod
    def daily(cls, hour: int = 0) -> Schedule:
        """Once a day at ``hour`` (0-23, UTC)."""
        _check_int(hour, "hour", 0, 23, "an hour of the day, 0-23 (UTC)")
        return cls(f"cron(0 {hour} ? * * *)")

    @classmethod
    def every(cls, hours: int, starting_at: int = 0) -> Schedule:
        """Every ``hours`` hours (1-24), starting at hour ``starting_at`` (0-23, UTC)."""
        _check_int(starting_at, "starting_at", 0, 23, "an hour of the day, 0-23 (UTC)")
        _check_int(hours, "hours", 1, 24, "an integer from 1 to 24")
        return cls(f"cron(0 {starting_at}/{hours} ? * * *)")

    @classmethod
    def once(cls, start: datetime.timedelta | str, end: datetime.timedelta | str) -> Schedule:
        """Run one time, now, over the data from ``start`` to ``end`` (offsets such as -2 h)."""
        return cls("NOW", start, end)

    @classmethod
    def parse(
        cls,
        expression: str,
        start: datetime.timedelta | str | None = None,
        end: datetime.timedelta | str | None = None,
    ) -> Schedule:
        """The same as ``Schedule(expression, start, end)``: check an expression from the wire."""
        return cls(expression, start, end)

    @property
    def frequency(self) -> datetime.timedelta | None:
        """How often the schedule runs; ``None`` for ``NOW``."""
        return frequency(self.expression)

    def config(self) -> dict[str, str]:
        """The wire ``ScheduleConfig``."""
        out = {"ScheduleExpression": self.expression}
        if self.start_offset is not None:
            out["DataAnalysisStartTime"] = format_offset(self.start_offset)
        if self.end_offset is not None:
            out["DataAnalysisEndTime"] = format_offset(self.end_offset)
        return out

    # value semantics -----------------------------------------------------------

    def _key(self) -> tuple[str, datetime.timedelta | None, datetime.timedelta | None]:
        return (self.expression, self.start_offset, self.end_offset)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Schedule):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(("Schedule", *self._key()))

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"Schedule is immutable; cannot set {name}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"Schedule is immutable; cannot delete {name}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Schedule, self._key())

    def __copy__(self) -> Schedule:
        return self

    def __deepcopy__(self, memo: Any) -> Schedule:
        return self

    def __repr__(self) -> str:
        """The helper call that makes this schedule (or the constructor call): eval-able."""
        start, end = self.start_offset, self.end_offset
        expression = self.expression
        if start is None and end is None:
            if expression == HOURLY:
                return "Schedule.hourly()"
            m = _DAILY.fullmatch(expression)
            if m and expression == f"cron(0 {int(m.group(1))} ? * * *)":
                return f"Schedule.daily(hour={int(m.group(1))})"
            m = _EVERY.fullmatch(expression)
            if m and expression == f"cron(0 {int(m.group(1))}/{int(m.group(2))} ? * * *)":
                return f"Schedule.every(hours={int(m.group(2))}, starting_at={int(m.group(1))})"
        window = ""
        if start is not None:
            window += f", start={format_offset(start)!r}"
        if end is not None:
            window += f", end={format_offset(end)!r}"
        if expression == "NOW":
            return f"Schedule.once({window[2:]})"
        return f"Schedule({expression!r}{window})"


def _coerce(
    value: datetime.timedelta | str | None, path: str, problems: list[Problem]
) -> datetime.timedelta | None:
    if value is None or isinstance(value, datetime.timedelta):
        return value
    if type(value) is not str:
        problems.append(
            Problem(
                path,
                f"expected a timedelta or an ISO 8601 string, got {describe(value)} {shorten(value)}",
            )
        )
        return None
    parsed = offset_or_message(value)
    if isinstance(parsed, str):
        problems.append(Problem(path, parsed))
        return None
    return parsed


def _check_int(value: int, name: str, lo: int, hi: int, what: str) -> None:
    if type(value) is not int or not lo <= value <= hi:
        raise ValidationError(
            [Problem("ScheduleExpression", f"{name} must be {what}, not {shorten(value)}")],
            "Schedule",
        )
