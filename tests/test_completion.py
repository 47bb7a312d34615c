"""Notebook completion: Jedi (IPython's and Jupyter's engine) follows every chain of builder steps."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from functools import cache

import pytest

import sagemon

jedi = pytest.importorskip("jedi", reason="needs jedi (notebook completion)")

BUILDERS = [
    "DataQualityJobDefinitionBuilder",
    "ModelBiasJobDefinitionBuilder",
    "ModelExplainabilityJobDefinitionBuilder",
    "ModelQualityJobDefinitionBuilder",
    "MonitoringScheduleBuilder",
    "OptimizationJobBuilder",
]
NOT_STEPS = {"build", "create", "from_request", "missing", "to_wire"}


def public(name: str) -> set[str]:
    return {n for n in dir(getattr(sagemon, name)) if not n.startswith("_")}


def steps(name: str) -> list[str]:
    return sorted(public(name) - NOT_STEPS)


@cache
def _script(builder: str) -> tuple[jedi.Script, dict[str, tuple[int, int]]]:
    """One script per builder with a line per step; completing inside it reuses Jedi's work."""
    lines = [f"from sagemon import {builder}"]
    where: dict[str, tuple[int, int]] = {}
    for step in steps(builder):
        head = f"{builder}('x').{step}()."
        lines.append(head + "to_wire()")  # complete right after the dot: every name fits
        where[step] = (len(lines), len(head))
    return jedi.Script("\n".join(lines)), where


@pytest.fixture(scope="module", autouse=True)
def _forget_scripts(isolated_jedi: None) -> Iterator[None]:
    """The scripts (and the inference state each holds) live as long as this module's tests."""
    yield
    _script.cache_clear()


def completions(code: str) -> set[str]:
    lines = code.splitlines()
    script = jedi.Script(code)
    return {c.name for c in script.complete(len(lines), len(lines[-1]))}


def test_every_builder_has_its_steps() -> None:
    assert len({step for name in BUILDERS for step in steps(name)}) >= 30
    for name in BUILDERS:
        for step in steps(name):
            assert inspect.isfunction(getattr(getattr(sagemon, name), step)), (name, step)


@pytest.mark.parametrize(("builder", "step"), [(b, s) for b in BUILDERS for s in steps(b)], ids=str)
def test_jedi_completes_every_step_after_a_step(builder: str, step: str) -> None:
    script, where = _script(builder)
    line, column = where[step]
    assert {c.name for c in script.complete(line, column)} >= public(builder)


@pytest.mark.parametrize("builder", BUILDERS)
def test_jedi_completes_after_a_long_chain_and_from_request(builder: str) -> None:
    chain = "".join(f".{step}()" for step in steps(builder))
    code = f"from sagemon import {builder}\nb = {builder}('x'){chain}\nb = b{chain}\nb."
    assert completions(code) >= public(builder)
    code = f"from sagemon import {builder}\n{builder}.from_request(r).name('y')."
    assert completions(code) >= public(builder)
