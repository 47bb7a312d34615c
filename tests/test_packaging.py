"""Import cost, public surface and generated-code freshness."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from types import GenericAlias

import pytest

import sagemon

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(json.loads(out.stdout))


def test_import_sagemon_is_cheap() -> None:
    loaded = _modules_after("import sagemon")
    assert not {"boto3", "botocore", "attrs", "attr", "cattrs"} & loaded


def test_a_request_path_imports_no_dependency() -> None:
    """Building, validating and converting a request needs neither boto3 nor attrs nor cattrs
    (importing them would cost more than the whole path); attrs loads when asked for."""
    loaded = _modules_after(
        "import sagemon, sagemon.shapes as s, sagemon.enums as e; "
        "r = s.MonitoringResources(cluster_config=s.MonitoringClusterConfig(instance_count=1,"
        " instance_type=e.InstanceType.ML_M5_XLARGE, volume_size_in_gb=20)); "
        "sagemon.validate(r); sagemon.to_wire(r); sagemon.from_wire(type(r), sagemon.to_wire(r))"
    )
    assert not {"boto3", "botocore", "attrs", "attr", "cattrs", "difflib"} & loaded
    assert "attrs" in _modules_after("import attrs, sagemon.shapes as s; attrs.fields(s.Tag)")


def test_the_lenient_parsers_load_with_the_first_response_read() -> None:
    """A request path never loads them; the first lenient read (of any shape) loads them all."""
    requests_only = _modules_after(
        "import sagemon, sagemon.shapes as s; t = s.Tag(key='k', value='v'); "
        "sagemon.validate(t); sagemon.from_wire(s.Tag, sagemon.to_wire(t))"
    )
    assert "sagemon._generated.lenient" not in requests_only
    code = (
        "import sagemon, sagemon.shapes as s; from sagemon._spec import spec_of;"
        " t = sagemon.from_wire(s.Tag, {'Key': 'k', 'Value': 'v', 'New': 1}, lenient=True);"
        " p = sagemon.from_wire(s.VpcConfig, {'SecurityGroupIds': ['sg'], 'Subnets': []},"
        " lenient=True);"
        " print(t.unknown_members, p.subnets, spec_of(s.Tag).lenient.__name__,"
        " type(spec_of(s.EndpointInput).lenient).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    # Each spec takes its own parser on its first use; the others are left as they were.
    assert out.stdout.split() == ["{'New':", "1}", "()", "_l_Tag", "partial"]


def test_the_pytest_plugin_costs_nothing_until_used() -> None:
    """pytest loads sagemon's plugin in every run where sagemon is installed."""
    loaded = _modules_after("import sagemon.testing._pytest_plugin")
    assert not {"attrs", "cattrs", "boto3", "botocore", "moto"} & loaded


def test_public_surface() -> None:
    assert sagemon.__all__ == sorted(sagemon.__all__)
    for name in sagemon.__all__:
        assert getattr(sagemon, name) is not None
    assert set(dir(sagemon)) >= set(sagemon.__all__)
    assert (ROOT / "src" / "sagemon" / "py.typed").exists()


@pytest.mark.skipif(
    "SAGEMON_TEST_WHEEL" not in os.environ, reason="only where nox installed the built wheel"
)
def test_the_suite_imports_the_installed_wheel_not_the_source_tree() -> None:
    """nox's tests and minimal sessions install the wheel: a file missing from it (a module the
    build leaves out, py.typed) fails here instead of passing against src/."""
    here = Path(sagemon.__file__).resolve()
    assert ROOT / "src" not in here.parents
    assert "site-packages" in here.parts
    assert (here.parent / "py.typed").exists()


@pytest.mark.skipif("SAGEMON_TEST_MINIMAL" not in os.environ, reason="only in nox -s minimal")
def test_the_minimal_session_has_no_extras() -> None:
    """So that the tests of the errors naming an extra run against a real absence."""
    for module in ("yaml", "flask", "flask_cors", "pandas", "matplotlib", "jedi", "moto"):
        assert importlib.util.find_spec(module) is None, module


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        sagemon.nope  # type: ignore[attr-defined]  # noqa: B018


def test_generated_code_matches_the_slice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))  # generate.py puts src/ first; undone after
    spec = importlib.util.spec_from_file_location(
        "sagemon_codegen", ROOT / "codegen" / "generate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    for path, text in generate.render().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is stale: run python codegen/generate.py"
        )
        assert text.startswith("# Generated by codegen/generate.py")


def test_slice_covers_the_34_operations() -> None:
    data = json.loads((ROOT / "codegen" / "sagemaker-slice.json").read_text(encoding="utf-8"))
    assert len(data["operations"]) == 34
    assert len(data["paginators"]) == 9
    from sagemon._generated.operations import OPERATIONS

    assert set(OPERATIONS) == set(data["operations"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel, built from this checkout with hatchling (no network)."""
    pytest.importorskip("hatchling", reason="needs hatchling (the test dependency group)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


def _wheel_metadata(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return archive.read(name).decode().splitlines()


def test_license_is_the_apache_text() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "END OF TERMS AND CONDITIONS" in text
    assert len(text.splitlines()) > 190  # the whole text, not a pointer to it


def test_sdist_and_wheel_ship_the_license(built: dict[str, Path]) -> None:
    license_text = (ROOT / "LICENSE").read_bytes()
    with tarfile.open(built["sdist"]) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        names = set(sdist.getnames())
        for name in ("LICENSE", "CHANGELOG.md", "CONTRIBUTING.md", "README.md"):
            assert f"{top}/{name}" in names
        member = sdist.extractfile(f"{top}/LICENSE")
        assert member is not None
        assert member.read() == license_text
    with zipfile.ZipFile(built["wheel"]) as wheel:
        (licensed,) = [n for n in wheel.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert wheel.read(licensed) == license_text
    metadata = _wheel_metadata(built["wheel"])
    assert "License-Expression: Apache-2.0" in metadata
    assert "License-File: LICENSE" in metadata


def test_the_testing_extra_is_light(built: dict[str, Path]) -> None:
    """``[testing]`` is moto's core; only ``[server]`` brings moto's HTTP server (Flask)."""
    requirements: dict[str, list[str]] = {}
    for line in _wheel_metadata(built["wheel"]):
        if line.startswith("Requires-Dist:") and "; extra ==" in line:
            requirement, extra = line.removeprefix("Requires-Dist: ").split("; extra ==")
            requirements.setdefault(extra.strip(" '\""), []).append(requirement.strip())
    assert requirements["testing"] == ["moto<5.3,>=5.2.1"]
    assert {r.split("<")[0].split(">")[0].split(";")[0] for r in requirements["server"]} == {
        "moto",
        "flask",
        "flask-cors",
    }


@pytest.mark.moto
def test_the_local_sagemaker_in_process_imports_no_server_package() -> None:
    loaded = _modules_after(
        "from sagemon.testing import local_sagemaker\n"
        "with local_sagemaker() as local:\n"
        "    local.client.list_data_quality_job_definitions().all()"
    )
    assert "moto" in loaded
    assert not {"flask", "flask_cors", "cfnlint", "docker", "sympy"} & loaded


@pytest.mark.parametrize(
    "module",
    [
        "sagemon",
        "sagemon.shapes",
        "sagemon.enums",
        "sagemon.errors",
        "sagemon.testing",
        "sagemon.reports",
    ],
)
def test_public_classes_report_the_module_users_import_them_from(module: str) -> None:
    """help(), reprs, pickles and tracebacks name a public module that exports the class."""
    import importlib
    import pickle

    public = importlib.import_module(module)
    # On Python 3.10 an alias such as dict[str, int] passes for a type; it is not a class.
    classes = [
        obj
        for name in public.__all__
        if isinstance(obj := getattr(public, name), type) and not isinstance(obj, GenericAlias)
    ]
    assert classes
    for cls in classes:
        home = cls.__module__
        assert not any(part.startswith("_") for part in home.split(".")), cls
        assert getattr(importlib.import_module(home), cls.__qualname__) is cls
        assert pickle.loads(pickle.dumps(cls)) is cls
