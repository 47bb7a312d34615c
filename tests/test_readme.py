"""The README's examples run as doctests."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from tests.extras import needs_server, needs_yaml

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.moto  # the examples run against the local SageMaker
@needs_yaml
@needs_server  # the sagemon serve example runs an endpoint
def test_readme_examples() -> None:
    result = doctest.testfile(
        str(README),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
    )
    assert result.attempted > 10
    assert result.failed == 0
