"""``sagemon report FILE...``: local report files shown as tables, with exit codes CI can use."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sagemon._cli import main

REPORTS = Path(__file__).parent / "reports"
VIOLATIONS = REPORTS / "sagemaker-python-sdk__violations__1.json"
STATISTICS = REPORTS / "sagemaker-python-sdk__statistics__1.json"
BIAS_VIOLATIONS = REPORTS / "amazon-sagemaker-examples__bias-violations__1.json"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_a_report_without_violations_exits_0() -> None:
    status, out, err = run("report", str(STATISTICS))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"{STATISTICS}: DataQualityStatistics: 1 feature, 418 items"
    assert lines[2] == "Features"
    assert lines[5].split()[:4] == ["message", "String", "418", "0"]


def test_violations_exit_1_and_are_listed() -> None:
    status, out, err = run("report", str(VIOLATIONS), str(STATISTICS))
    assert (status, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == f"{VIOLATIONS}: DataQualityViolations: 7 violations"
    row = next(line for line in lines if "congestion_surcharge" in line)
    assert row.split()[:3] == ["completeness_check", "congestion_surcharge", "0"]
    assert f"{STATISTICS}: DataQualityStatistics: 1 feature, 418 items" in lines


def test_an_empty_violations_file_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "constraint_violations.json"
    path.write_text('{"violations": []}')
    status, out, _ = run("report", str(path))
    assert status == 0
    assert out.splitlines()[0] == f"{path}: DataQualityViolations: 0 violations"
    assert "(none)" in out


def test_unreadable_files_exit_2_and_do_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"foo": 1}')
    (tmp_path / "b.json").write_text("{")
    status, out, err = run(
        "report",
        str(tmp_path / "a.json"),
        str(tmp_path / "missing.json"),
        str(tmp_path / "b.json"),
        str(STATISTICS),
    )
    assert status == 2
    errors = err.splitlines()
    assert errors[0].startswith(
        f"{tmp_path / 'a.json'}: cannot tell which report this is: it has the member 'foo'"
    )
    assert errors[1] == f"{tmp_path / 'missing.json'}: cannot read: No such file or directory"
    assert errors[2].startswith(f"{tmp_path / 'b.json'}: not valid JSON")
    assert out.startswith(f"{STATISTICS}: DataQualityStatistics")


def test_directories_are_searched_for_json_files(tmp_path: Path) -> None:
    (tmp_path / "2024" / "01").mkdir(parents=True)
    shutil.copy(VIOLATIONS, tmp_path / "2024" / "01" / "constraint_violations.json")
    shutil.copy(STATISTICS, tmp_path / "statistics.json")
    (tmp_path / ".hidden.json").write_text("{")
    (tmp_path / "notes.txt").write_text("not a report")
    status, out, err = run("report", str(tmp_path))
    assert (status, err) == (1, "")
    heads = [line for line in out.splitlines() if line.startswith(str(tmp_path))]
    assert heads == [
        f"{tmp_path / '2024' / '01' / 'constraint_violations.json'}: DataQualityViolations: 7 violations",
        f"{tmp_path / 'statistics.json'}: DataQualityStatistics: 1 feature, 418 items",
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    status, _, err = run("report", str(empty))
    assert (status, err) == (2, f"{empty}: no *.json files in this directory\n")


def test_json_format_is_strict_json_per_line() -> None:
    status, out, err = run("report", "--format", "json", str(BIAS_VIOLATIONS), str(STATISTICS))
    assert (status, err) == (1, "")

    def strict(name: str) -> None:
        raise AssertionError(f"{name} is not strict JSON")

    first, second = (json.loads(line, parse_constant=strict) for line in out.splitlines())
    assert first["kind"] == "bias-violations"
    assert first["violations"] == 8
    assert first["error"] is None
    te = first["tables"]["violations"][-1]
    assert te["metric"] == "TE"
    assert te["observed"] == "Infinity"  # strict JSON: no bare Infinity token
    assert te["baseline"] == 2.916666666666667
    assert second["kind"] == "data-quality-statistics"
    assert second["violations"] is None
    assert second["tables"]["features"][0]["feature"] == "message"


def test_json_format_reports_errors_too(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[]")
    status, out, err = run("report", "--format", "json", str(path))
    assert status == 2
    assert json.loads(out) == {
        "path": str(path),
        "kind": None,
        "violations": None,
        "tables": {},
        "error": "a report file holds a JSON object, not a list",
    }
    assert err == f"{path}: a report file holds a JSON object, not a list\n"


def test_size_limit(tmp_path: Path) -> None:
    status, _, err = run("report", "--max-bytes", "100", str(VIOLATIONS))
    assert status == 2
    assert "cannot read" in err
    assert "larger than" in err or "limit" in err


def test_standard_input() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sagemon", "report", "-"],
        input=BIAS_VIOLATIONS.read_text(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>: BiasViolations: 8 violations")
    assert done.stderr == ""


def test_usage() -> None:
    with pytest.raises(SystemExit) as info:
        main(["report"], io.StringIO(), io.StringIO())
    assert info.value.code == 2
    out = io.StringIO()
    with pytest.raises(SystemExit):
        main(["--help"], out, io.StringIO())
    assert "{demo,validate,report,serve,plan,apply,export}" in out.getvalue()
