"""Schedule expressions and ISO 8601 offsets, in the forms Model Monitor supports."""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from sagemon.errors import Problem, ValidationError

__all__ = ["Schedule", "format_offset", "parse_offset"]

SUPPORTED_FORMS = (
    "cron(0 * ? * * *) (hourly), cron(0 H ? * * *) (daily at hour H), "
    "cron(0 H/N ? * * *) (every N hours from hour H), or NOW (once, with data-analysis offsets)"
)

_HOURLY = re.compile(r"cron\(0 \* \? \* \* \*\)")
_DAILY = re.compile(r"cron\(0 (\d{1,2}) \? \* \* \*\)")
_EVERY = re.compile(r"cron\(0 (\d{1,2})/(\d{1,2}) \? \* \* \*\)")
_DURATION = re.compile(
    r"(?P<sign>[+-])?P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?"
)
_HOUR = datetime.timedelta(hours=1)
MAX_WINDOW = datetime.timedelta(hours=24)


def parse_offset(text: str) -> datetime.timedelta:
    """``"-PT1H"`` → ``timedelta(hours=-1)``: an ISO 8601 duration with weeks, days, hours,
    minutes or seconds (years and months have no fixed length and are rejected)."""
    raw: object = text
    m = _DURATION.fullmatch(text.strip()) if isinstance(raw, str) else None
    if m is None or not any(m.group(k) for k in ("weeks", "days", "hours", "minutes", "seconds")):
        raise ValueError(
            f"{text!r} is not an ISO 8601 duration such as -PT1H, -PT30M or -P1D "
            "(weeks, days, hours, minutes, seconds)"
        )
    if text.strip().endswith("T"):
        raise ValueError(f"{text!r} has a T with no hours, minutes or seconds after it")
    value = datetime.timedelta(
        weeks=int(m.group("weeks") or 0),
        days=int(m.group("days") or 0),
        hours=int(m.group("hours") or 0),
        minutes=int(m.group("minutes") or 0),
        seconds=float(m.group("seconds") or 0),
    )
    return -value if m.group("sign") == "-" else value


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


class Schedule(NamedTuple):
    """A Model Monitor schedule: a supported expression and, for ``NOW``, the analysis window.

    Build one with :meth:`hourly`, :meth:`daily`, :meth:`every` or :meth:`once`, or check a
    string with :meth:`parse`.
    """

    expression: str
    start_offset: datetime.timedelta | None = None
    end_offset: datetime.timedelta | None = None

    @classmethod
    def hourly(cls) -> Schedule:
        """Every hour, on the hour (UTC)."""
        return cls("cron(0 * ? * * *)")

    @classmethod
    def daily(cls, hour: int = 0) -> Schedule:
        """Once a day at ``hour`` (0-23, UTC)."""
        _check_hour(hour, "hour")
        return cls(f"cron(0 {hour} ? * * *)")

    @classmethod
    def every(cls, hours: int, starting_at: int = 0) -> Schedule:
        """Every ``hours`` hours (1-24), starting at hour ``starting_at`` (0-23, UTC)."""
        _check_hour(starting_at, "starting_at")
        if type(hours) is not int or not 1 <= hours <= 24:
            raise ValueError(f"hours must be an integer from 1 to 24, not {hours!r}")
        return cls(f"cron(0 {starting_at}/{hours} ? * * *)")

    @classmethod
    def once(cls, start: datetime.timedelta | str, end: datetime.timedelta | str) -> Schedule:
        """Run one time, now, over the data from ``start`` to ``end`` (offsets such as -2 h)."""
        schedule = cls("NOW", _offset(start), _offset(end))
        problems = schedule.problems()
        if problems:
            raise ValidationError(problems, "Schedule")
        return schedule

    @classmethod
    def parse(cls, expression: str, start: str | None = None, end: str | None = None) -> Schedule:
        """Check a schedule expression (and offsets) as given on the wire."""
        schedule = cls(
            expression,
            None if start is None else _offset(start),
            None if end is None else _offset(end),
        )
        problems = schedule.problems()
        if problems:
            raise ValidationError(problems, "Schedule")
        return schedule

    @property
    def frequency(self) -> datetime.timedelta | None:
        """How often the schedule runs; ``None`` for ``NOW`` or an unsupported expression."""
        if _HOURLY.fullmatch(self.expression):
            return _HOUR
        if _DAILY.fullmatch(self.expression):
            return 24 * _HOUR
        m = _EVERY.fullmatch(self.expression)
        return int(m.group(2)) * _HOUR if m else None

    def problems(self, prefix: str = "") -> list[Problem]:
        """Every way this schedule breaks the documented forms and window rules."""
        out: list[Problem] = []
        expression = self.expression
        path = f"{prefix}ScheduleExpression"
        if expression != "NOW" and self.frequency is None:
            out.append(
                Problem(path, f"{expression!r} is not a supported schedule; use {SUPPORTED_FORMS}")
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
        if expression == "NOW" and (self.start_offset is None or self.end_offset is None):
            out.append(
                Problem(
                    f"{prefix}DataAnalysisStartTime"
                    if self.start_offset is None
                    else f"{prefix}DataAnalysisEndTime",
                    "a NOW schedule needs DataAnalysisStartTime and DataAnalysisEndTime; set both (e.g. -PT2H, -PT1H)",
                )
            )
        if self.start_offset is not None and self.end_offset is not None:
            window = self.end_offset - self.start_offset
            if window <= datetime.timedelta(0):
                out.append(
                    Problem(
                        f"{prefix}DataAnalysisStartTime",
                        "the analysis window must start before it ends; swap the offsets",
                    )
                )
            elif window > MAX_WINDOW:
                hours = window / _HOUR
                out.append(
                    Problem(
                        f"{prefix}DataAnalysisStartTime",
                        f"the analysis window is {hours:g} hours; shorten it to at most 24 hours",
                    )
                )
        return out

    def config(self) -> dict[str, str]:
        """The wire ``ScheduleConfig``."""
        out = {"ScheduleExpression": self.expression}
        if self.start_offset is not None:
            out["DataAnalysisStartTime"] = format_offset(self.start_offset)
        if self.end_offset is not None:
            out["DataAnalysisEndTime"] = format_offset(self.end_offset)
        return out


def _check_hour(hour: int, name: str) -> None:
    if type(hour) is not int or not 0 <= hour <= 23:
        raise ValueError(f"{name} must be an hour of the day, 0-23 (UTC), not {hour!r}")


def _offset(value: datetime.timedelta | str) -> datetime.timedelta:
    return value if isinstance(value, datetime.timedelta) else parse_offset(value)
