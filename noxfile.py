"""Development sessions: ``nox`` runs them all (tests, typecheck, lint, codegen)."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["tests", "typecheck", "lint", "codegen"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


def group(name: str) -> list[str]:
    """A dependency group from pyproject.toml, with included groups expanded."""
    items: list[str] = []
    for item in PYPROJECT["dependency-groups"][name]:
        items += group(item["include-group"]) if isinstance(item, dict) else [item]
    return items


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite, with a coverage gate (pyproject.toml)."""
    session.install("-e", ".", *group("test"))
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "combine", "--quiet")
    session.run("coverage", "report")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the package and on the typing tests (which are not executed)."""
    session.install("-e", ".", *group("typecheck"))
    session.run("mypy", "src", "tests/typing")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint rules and formatting (generated code is excluded in pyproject.toml)."""
    session.install(*group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def codegen(session: nox.Session) -> None:
    """Regenerate from the checked-in model slice and fail if the result differs."""
    session.install("botocore")
    session.run("python", "codegen/generate.py", "--check")


@nox.session(default=False)
def refresh(session: nox.Session) -> None:
    """Refresh the model slice from the newest botocore, then regenerate (not run by default)."""
    session.install("-U", "botocore")
    session.run("python", "codegen/refresh.py")
    session.run("python", "codegen/generate.py")


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmarks: per-operation medians and ratios against baselines from the same run."""
    session.install("-e", ".")
    session.run("python", "benchmarks/bench.py", *session.posargs)
