"""Notebook completion of client keywords: Jedi on source (editors) and on live objects (IPython)."""

from __future__ import annotations

import inspect
import pydoc

import pytest

from sagemon import Client
from sagemon._generated.operations import OPERATIONS
from sagemon._spec import spec_of
from sagemon.testing import LocalSageMaker

jedi = pytest.importorskip("jedi", reason="needs jedi (notebook completion)")
pytestmark = pytest.mark.usefixtures("isolated_jedi")

CALL = "client.create_monitoring_schedule(monitoring_"
EXPECTED = ["monitoring_schedule_config=", "monitoring_schedule_name="]


def test_jedi_completes_keywords_in_source() -> None:
    code = f"import sagemon\nclient = sagemon.Client()\n{CALL}"
    completions = jedi.Script(code).complete(3, len(CALL))
    assert sorted(c.name for c in completions) == EXPECTED


def test_jedi_completes_keywords_of_a_live_client(local_sagemaker: LocalSageMaker) -> None:
    """What IPython does: Jedi reads the signature of the object in the namespace."""
    interpreter = jedi.Interpreter(CALL, [{"client": local_sagemaker.client}])
    assert sorted(c.name for c in interpreter.complete(1, len(CALL))) == EXPECTED
    tags = "client.create_monitoring_schedule(ta"
    interpreter = jedi.Interpreter(tags, [{"client": local_sagemaker.client}])
    assert "tags=" in [c.name for c in interpreter.complete(1, len(tags))]


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_method_names_its_keywords(name: str) -> None:
    """help() and live completion see the request's members as keyword-only parameters."""
    op = OPERATIONS[name]
    parameters = inspect.signature(getattr(Client, op.method)).parameters
    members = [m.python for m in spec_of(op.input).members]
    assert list(parameters) == ["self", "request", *members, "unknown"]
    assert parameters["request"].kind is inspect.Parameter.POSITIONAL_ONLY
    assert all(parameters[m].kind is inspect.Parameter.KEYWORD_ONLY for m in members)
    assert all(parameters[m].default is None for m in members)
    assert parameters["unknown"].kind is inspect.Parameter.VAR_KEYWORD


def test_help_shows_keywords_and_which_are_required() -> None:
    text = pydoc.render_doc(Client.create_monitoring_schedule, renderer=pydoc.plaintext)
    assert "monitoring_schedule_name: 'str | None' = None" in text
    assert "monitoring_schedule_name: str (required)" in text
    assert "tags: Iterable[Tag]" in text
