"""Development sessions: ``nox`` runs tests, minimal, typecheck, lint and codegen."""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["tests", "minimal", "typecheck", "lint", "codegen"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


def group(name: str) -> list[str]:
    """A dependency group from pyproject.toml, with included groups expanded."""
    items: list[str] = []
    for item in PYPROJECT["dependency-groups"][name]:
        items += group(item["include-group"]) if isinstance(item, dict) else [item]
    return items


def install_wheel(session: nox.Session) -> Path:
    """Build sagemon's wheel (in an isolated build environment) and install it with its
    dependencies: the tests then import the package as users get it, not the source tree."""
    dist = Path(session.create_tmp()).resolve() / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), ".")
    (wheel,) = dist.glob("sagemon-*.whl")
    # Uninstalled first: a reused environment may hold an earlier build of the same version.
    session.run("python", "-m", "pip", "uninstall", "--yes", "--quiet", "sagemon")
    session.install(str(wheel))
    # Read by tests/test_packaging.py, which then checks sagemon is not imported from src/.
    session.env["SAGEMON_TEST_WHEEL"] = "1"
    return wheel


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite against the built wheel, with a coverage gate (pyproject.toml)."""
    session.install(*group("test"))
    install_wheel(session)
    session.run("coverage", "erase")
    # On every core (pytest-xdist); coverage measures the workers ([tool.coverage.run] patch).
    session.run("coverage", "run", "-m", "pytest", "-n", "auto", *session.posargs)
    session.run("coverage", "combine", "--quiet")
    # A partial run (`nox -s tests -- -k local`) shows what it missed without failing the gate.
    session.run("coverage", "report", *(["--fail-under=0"] if session.posargs else []))


# What `minimal` proves optional: the extras, the test-only tools, and moto's core with the
# packages it brings (responses imports PyYAML), removed again from a reused environment.
NOT_MINIMAL = ["pyyaml", "flask", "flask-cors", "pandas", "matplotlib", "jedi", "hatchling"]
NOT_MINIMAL += ["moto", "responses"]


@nox.session
def minimal(session: nox.Session) -> None:
    """The suite without the optional extras, then the local SageMaker's tests with moto alone.

    First the wheel with only pytest and hypothesis: tests that need an extra skip, naming it,
    and the tests of the errors that name a missing extra (``pip install 'sagemon[yaml]'``,
    ``'sagemon[testing]'``, ``'sagemon[server]'``) run against a real absence. Then
    ``sagemon[testing]`` (moto's core, no Flask) and the tests marked ``moto``.
    """
    # pytest-xdist runs the tests, it is nothing they import: on every core, as in `tests`.
    session.install("pytest>=8", "hypothesis>=6.100", "pytest-xdist>=3.6")
    session.run("python", "-m", "pip", "uninstall", "--yes", "--quiet", *NOT_MINIMAL)
    wheel = install_wheel(session)
    session.run("pytest", "-n", "auto", *session.posargs, env={"SAGEMON_TEST_MINIMAL": "1"})
    session.install(f"sagemon[testing] @ {wheel.as_uri()}")
    session.run("pytest", "-n", "auto", "-m", "moto", *session.posargs)


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


@nox.session(python=["3.10", "3.12", "3.13"], default=False)
def pythons(session: nox.Session) -> None:
    """The suite against the built wheel on the other Pythons sagemon supports (`tests` runs the
    default one); an interpreter that is not installed is skipped (not run by default)."""
    session.install(*group("test"))
    install_wheel(session)
    session.run("pytest", "-n", "auto", *session.posargs)


@nox.session(default=False)
def refresh(session: nox.Session) -> None:
    """Refresh the model slice from the newest botocore, then regenerate (not run by default)."""
    session.install("-U", "botocore")
    session.run("python", "codegen/refresh.py")
    session.run("python", "codegen/generate.py")


@nox.session(default=False)
def interop(session: nox.Session) -> None:
    """Clients no one here wrote against ``sagemon serve`` in its own process: the AWS CLI and
    the SageMaker Python SDK v2's monitor classes (not run by default: large downloads)."""
    session.install("pytest>=8", "hypothesis>=6.100", "awscli", "sagemaker<3")
    wheel = install_wheel(session)
    session.install(f"sagemon[server] @ {wheel.as_uri()}")
    session.run("pytest", "tests/test_interop.py", *session.posargs, env={"SAGEMON_INTEROP": "1"})


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmarks: per-operation medians and ratios against baselines from the same run."""
    session.install("-e", ".")
    session.run("python", "benchmarks/bench.py", *session.posargs)
