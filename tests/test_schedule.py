"""Schedule expressions and ISO 8601 offsets."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sagemon import Schedule, ValidationError, format_offset, parse_offset
from sagemon.shapes import ScheduleConfig

H = datetime.timedelta(hours=1)


def test_helpers_build_the_supported_forms() -> None:
    assert Schedule.hourly().expression == "cron(0 * ? * * *)"
    assert Schedule.daily().expression == "cron(0 0 ? * * *)"
    assert Schedule.daily(hour=12).expression == "cron(0 12 ? * * *)"
    assert Schedule.every(hours=6, starting_at=17).expression == "cron(0 17/6 ? * * *)"
    once = Schedule.once(start=-2 * H, end="-PT1H")
    assert once.config() == {
        "ScheduleExpression": "NOW",
        "DataAnalysisStartTime": "-PT2H",
        "DataAnalysisEndTime": "-PT1H",
    }
    assert ScheduleConfig(schedule_expression=once.expression).schedule_expression == "NOW"


@pytest.mark.parametrize(
    ("schedule", "frequency"),
    [
        (Schedule.hourly(), H),
        (Schedule.daily(hour=3), 24 * H),
        (Schedule.every(hours=12), 12 * H),
        (Schedule("NOW"), None),
    ],
)
def test_frequency(schedule: Schedule, frequency: datetime.timedelta | None) -> None:
    assert schedule.frequency == frequency


@pytest.mark.parametrize(
    "call",
    [
        lambda: Schedule.daily(hour=24),
        lambda: Schedule.daily(hour=-1),
        lambda: Schedule.every(hours=0),
        lambda: Schedule.every(hours=25),
        lambda: Schedule.every(hours=2, starting_at=23.5),  # type: ignore[arg-type]
    ],
)
def test_helpers_reject_impossible_values(call: object) -> None:
    with pytest.raises(ValueError, match=r"0-23|1 to 24"):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    "expression",
    [
        "cron(0 * ? * * *)",
        "cron(0 0 ? * * *)",
        "cron(0 23 ? * * *)",
        "cron(0 0/2 ? * * *)",
        "cron(0 17/12 ? * * *)",
    ],
)
def test_supported_expressions_parse(expression: str) -> None:
    assert Schedule.parse(expression).expression == expression


@pytest.mark.parametrize(
    "expression",
    [
        "cron(0 12 * * ? *)",
        "rate(1 hour)",
        "cron(30 * ? * * *)",
        "cron(0 24 ? * * *)",
        "cron(0 1/25 ? * * *)",
        "now",
        "",
    ],
)
def test_unsupported_expressions_list_the_forms(expression: str) -> None:
    with pytest.raises(ValidationError) as info:
        Schedule.parse(expression)
    message = str(info.value)
    assert "ScheduleExpression" in message
    assert ("cron(0 * ? * * *) (hourly)" in message) or ("0-23" in message) or ("1-24" in message)


def test_once_checks_the_window() -> None:
    with pytest.raises(ValidationError, match="at most 24 hours"):
        Schedule.once(start=-25 * H, end=0 * H)
    with pytest.raises(ValidationError, match="start before it ends"):
        Schedule.once(start=-H, end=-2 * H)
    assert Schedule.once(start=-24 * H, end=0 * H).start_offset == -24 * H


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("-PT1H", -H),
        ("PT30M", datetime.timedelta(minutes=30)),
        ("-P1D", -24 * H),
        ("-P1DT2H", -26 * H),
        ("P1W", 168 * H),
        ("-PT0.5S", datetime.timedelta(seconds=-0.5)),
        ("+PT5H", 5 * H),
    ],
)
def test_parse_offset(text: str, value: datetime.timedelta) -> None:
    assert parse_offset(text) == value


@pytest.mark.parametrize("text", ["1H", "-P", "-PT", "P1Y", "P2M", "-PT1H30", "PT-1H", "soon"])
def test_bad_offsets(text: str) -> None:
    with pytest.raises(ValueError, match=r"ISO 8601|no hours"):
        parse_offset(text)


def test_format_offset() -> None:
    assert format_offset(-H) == "-PT1H"
    assert format_offset(datetime.timedelta(minutes=-90)) == "-PT1H30M"
    assert format_offset(datetime.timedelta(days=-1)) == "-P1D"
    assert format_offset(datetime.timedelta(0)) == "PT0S"
    assert format_offset(datetime.timedelta(seconds=1.25)) == "PT1.25S"
    with pytest.raises(TypeError):
        format_offset(3600)  # type: ignore[arg-type]


@given(
    st.timedeltas(min_value=datetime.timedelta(days=-400), max_value=datetime.timedelta(days=400))
)
def test_offsets_round_trip(value: datetime.timedelta) -> None:
    assert parse_offset(format_offset(value)) == value


@given(st.integers(0, 23), st.integers(1, 24))
def test_every_helper_expression_parses_back(hour: int, every: int) -> None:
    for schedule in (Schedule.daily(hour=hour), Schedule.every(hours=every, starting_at=hour)):
        assert Schedule.parse(schedule.expression) == schedule
