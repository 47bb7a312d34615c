"""Shared test configuration: hypothesis profiles (``HYPOTHESIS_PROFILE=thorough`` for more) and
the ``moto`` marker of the local SageMaker's tests."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


_NO_MOTO = pytest.mark.skip(reason="needs moto: pip install 'sagemon[testing]'")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of the local SageMaker (its fixture, or marked ``moto``) need moto: they are marked
    ``moto`` (``nox -s minimal`` runs them on their own once moto is installed) and skip without it."""
    have_moto = importlib.util.find_spec("moto") is not None
    for item in items:
        if "local_sagemaker" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.moto)
        if not have_moto and item.get_closest_marker("moto") is not None:
            item.add_marker(_NO_MOTO)


@pytest.fixture(scope="module")
def isolated_jedi(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Jedi for one module of tests, leaving nothing behind and sharing nothing.

    Its on-disk parser cache goes to a directory of the module's own: parso writes the files in
    place, so processes sharing ``~/.cache/jedi`` (pytest-xdist's workers) can read one half
    written. After the module, parso's in-memory parser cache is dropped: it keeps every module
    Jedi parsed (sagemon, botocore, typeshed) for the life of the process, and its million
    objects would make every later full garbage collection of the suite take over a second.
    """
    import jedi
    import parso.cache

    saved = jedi.settings.cache_directory
    jedi.settings.cache_directory = str(tmp_path_factory.mktemp("jedi-cache"))
    yield
    jedi.settings.cache_directory = saved
    parso.cache.parser_cache.clear()
