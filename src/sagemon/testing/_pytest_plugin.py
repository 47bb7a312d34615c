"""pytest plugin (registered as the ``sagemon`` entry point): the ``local_sagemaker`` fixture."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sagemon.testing._local import LocalSageMaker

__all__ = ["local_sagemaker"]


@pytest.fixture
def local_sagemaker() -> Iterator[LocalSageMaker]:
    """A running local SageMaker (in-process moto plus sagemon's fake), fresh for each test."""
    with LocalSageMaker() as local:
        yield local
