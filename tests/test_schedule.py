"""Schedule expressions and ISO 8601 offsets."""

from __future__ import annotations

import copy
import datetime
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sagemon import Schedule, ValidationError, format_offset, parse_offset
from sagemon._schedule import _parse_offset, offset_or_message, offset_seconds, offsets_in_order
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
        (Schedule.once(start="-PT2H", end="-PT1H"), None),
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


# ----------------------------------------------------------------------------- out of range

HUGE = "9" * 20


@pytest.mark.parametrize(
    "text",
    [
        "-P9999999999D",
        f"PT{HUGE}H",
        f"-PT{HUGE}M",
        f"PT{HUGE}S",
        f"P{HUGE}W",
        f"PT{HUGE}.5S",
        "P" + "9" * 5000 + "D",  # more digits than int() converts
        "P999999999DT24H",  # each part fits, the sum does not
    ],
)
def test_offsets_out_of_range_are_validation_errors(text: str) -> None:
    with pytest.raises(ValidationError, match="out of range; an offset is at most 999999999 days"):
        parse_offset(text)
    with pytest.raises(ValidationError, match=r"DataAnalysisStartTime: .*out of range"):
        Schedule.once(start=text, end="-PT1H")


@given(
    st.from_regex(
        r"[+-]?P([0-9]{1,25}W)?([0-9]{1,25}D)?(T([0-9]{1,25}H)?([0-9]{1,25}M)?([0-9]{1,25}(\.[0-9]{1,9})?S)?)?",
        fullmatch=True,
    )
)
def test_any_duration_text_parses_or_is_a_validation_error(text: str) -> None:
    try:
        value: object = parse_offset(text)
    except ValidationError as exc:
        value = exc.problems
    assert isinstance(value, datetime.timedelta) or [p.path for p in value] == [""]  # type: ignore[attr-defined]


# ----------------------------------------------------------------------------- the value


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("garbage", "is not a supported schedule; use cron(0 * ? * * *) (hourly)"),
        ("cron(0 12 * * ? *)", "is not a supported schedule"),
        ("cron(0 24 ? * * *)", "hour 24 is not 0-23"),
        ("NOW", "a NOW schedule needs DataAnalysisStartTime and DataAnalysisEndTime"),
        (3, "expected a string, got an integer 3"),
    ],
)
def test_constructing_an_unsupported_schedule_is_refused(expression: object, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        Schedule(expression)  # type: ignore[arg-type]
    assert info.value.subject == "Schedule"
    assert any(words in p.message for p in info.value.problems), info.value.problems


@pytest.mark.parametrize(
    ("schedule", "shown"),
    [
        (Schedule.hourly(), "Schedule.hourly()"),
        (Schedule.daily(), "Schedule.daily(hour=0)"),
        (Schedule.daily(hour=12), "Schedule.daily(hour=12)"),
        (Schedule.every(hours=6, starting_at=17), "Schedule.every(hours=6, starting_at=17)"),
        (Schedule.once(start=-2 * H, end=-H), "Schedule.once(start='-PT2H', end='-PT1H')"),
        (Schedule.once(start="-P1D", end="-PT90M"), "Schedule.once(start='-P1D', end='-PT1H30M')"),
        (Schedule("cron(0 06/4 ? * * *)"), "Schedule('cron(0 06/4 ? * * *)')"),
        (
            Schedule("cron(0 * ? * * *)", start="-PT2H", end="-PT1H"),
            "Schedule('cron(0 * ? * * *)', start='-PT2H', end='-PT1H')",
        ),
    ],
)
def test_repr_is_the_call_that_makes_it(schedule: Schedule, shown: str) -> None:
    assert repr(schedule) == shown
    assert eval(shown, {"Schedule": Schedule}) == schedule


@given(st.integers(0, 23), st.integers(1, 24))
def test_repr_round_trips(hour: int, every: int) -> None:
    for schedule in (Schedule.daily(hour=hour), Schedule.every(hours=every, starting_at=hour)):
        assert eval(repr(schedule), {"Schedule": Schedule}) == schedule


def test_schedules_are_frozen_hashable_values() -> None:
    once = Schedule.once(start=-2 * H, end="-PT1H")
    assert once == Schedule("NOW", start="-PT2H", end=-H)
    assert once != Schedule.once(start=-3 * H, end=-H)
    assert Schedule.hourly() != "cron(0 * ? * * *)"
    assert len({Schedule.hourly(), Schedule.parse("cron(0 * ? * * *)"), once}) == 2
    with pytest.raises(AttributeError, match="immutable"):
        once.expression = "garbage"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del once.start_offset  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(once)) == once
    assert copy.deepcopy(once) is once
    assert once.start_offset == -2 * H
    assert once.end_offset == -H


# ----------------------------------------------------------------------------- the one-unit form

_OFFSET_LIKE = st.one_of(
    st.from_regex(r"\s?[+-]?P(T?)[0-9٣]{0,8}[WDHMSTY]{1,2}\s?", fullmatch=True),
    st.from_regex(r"[+-]?PT?[0-9]{0,8}[WDHMS]\n?", fullmatch=True),
    st.from_regex(
        r"[+-]?P([0-9]{1,7}W)?([0-9]{1,7}D)?(T([0-9]{1,7}H)?([0-9]{1,7}M)?([0-9]{1,7}S)?)?",
        fullmatch=True,
    ),
    st.text(max_size=12),
)


@given(_OFFSET_LIKE)
def test_the_one_unit_form_reads_as_the_full_grammar_does(text: str) -> None:
    """The fast path for ``-PT2H``-like offsets gives exactly what the full parse gives, and
    leaves everything else to it."""
    seconds = offset_seconds(text)
    full = _parse_offset(text)
    if seconds is not None:
        assert full == datetime.timedelta(seconds=seconds)
        assert type(full) is datetime.timedelta
    assert offset_or_message(text) == full


# Two offsets that may hold line breaks (the pair is read as two lines of one text).
_ONE_UNIT_TEXT = st.from_regex(r"[+-]?P([0-9]{1,6}[WD]|T[0-9]{1,6}[HMS])", fullmatch=True)
_OFFSET_LINES = st.one_of(
    _ONE_UNIT_TEXT,
    _OFFSET_LIKE,
    st.builds(lambda a, b: f"{a}\n{b}", _ONE_UNIT_TEXT, _OFFSET_LIKE),
)


@given(_OFFSET_LINES, _OFFSET_LINES)
def test_two_offsets_are_compared_as_each_reads_alone(first: str, last: str) -> None:
    """The one match for a pair of one-unit offsets (an input's window) reads each as the
    one-unit form and the full grammar do, and leaves any other pair to them."""
    alone = offset_seconds(first), offset_seconds(last)
    in_order = offsets_in_order(first, last)
    if alone[0] is None or alone[1] is None:
        assert in_order is None
    else:
        assert in_order is (alone[0] < alone[1])
        start, end = _parse_offset(first), _parse_offset(last)
        assert isinstance(start, datetime.timedelta)
        assert isinstance(end, datetime.timedelta)
        assert in_order is (start < end)


@pytest.mark.parametrize(
    ("first", "last", "in_order"),
    [
        ("-PT2H", "-PT1H", True),
        ("-PT1H", "-PT2H", False),
        ("-P1D", "-PT1H", True),
        ("+P2W", "P14D", False),
        ("-PT60M", "-PT3600S", False),
        ("PT0S", "-PT0S", False),
        ("-PT1H", "PT2H", True),
        ("PT1H", "-PT2H", False),
        ("+PT1H", "PT1H", False),
        ("-PT2H\n-PT1H", "-PT1H", None),
        ("-PT2H", "-PT1H\n", None),
        ("-PT1H30M", "-PT1H", None),
        ("-PT1234567H", "-PT1H", None),
        ("-PT٣H", "-PT1H", None),
    ],
)
def test_two_offsets_in_order(first: str, last: str, in_order: bool | None) -> None:
    assert offsets_in_order(first, last) is in_order
