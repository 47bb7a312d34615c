"""A constructor's fast path (every argument valid) builds exactly what its full checks build."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sagemon import ValidationError, from_wire
from sagemon._generated.shapes import SPECS
from sagemon._shape import PROBLEMS, members_of
from tests.model import STRUCTURES, strategy

#: Values that break some constraint of some member (or none: the fast path must still agree).
_ODD: tuple[object, ...] = (
    "",
    "x" * 3000,
    "é",
    "line\nbreak",
    "-",
    "s3:///x",
    0,
    -1,
    2**40,
    1.5,
    float("nan"),
    True,
    (),
    ("a",) * 60,
    {},
    {"KEY": "v"},
    datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
)


def _built(cls: type[Any], kwargs: dict[str, Any]) -> tuple[Any, list[Any]]:
    """The object (or None) and the problems of one constructor call."""
    try:
        return cls(**kwargs), []
    except ValidationError as exc:
        return None, list(exc.problems)


@settings(max_examples=200)
@given(st.sampled_from(STRUCTURES).flatmap(lambda n: st.tuples(st.just(n), strategy(n))))
def test_fast_path_matches_the_full_checks(named: tuple[str, Any]) -> None:
    """Valid members, and each member in turn set to each odd value or left out."""
    name, wire = named
    cls = SPECS[name].cls
    valid = members_of(from_wire(cls, wire).__dict__)
    cases = [valid] + [{**valid, member: value} for member in valid for value in (*_ODD, None)]
    for kwargs in cases:
        fast, fast_problems = _built(cls, kwargs)
        # The private problems keyword always takes the full checks.
        problems: list[Any] = []
        full = cls(**kwargs, **{PROBLEMS: problems})
        assert fast_problems == problems, kwargs
        if fast is not None:
            assert fast.__dict__ == full.__dict__, kwargs
            assert list(fast.__dict__) == list(full.__dict__)
