"""sagemon's performance figures, each a ratio against a baseline measured in the same run.

    python benchmarks/bench.py [--quick]

The reference request is a full CreateModelQualityJobDefinition and the reference response a
full DescribeMonitoringSchedule (``benchmarks/reference.py``). Goals (issue "One spec, one
direction"):

1. build + validate + to_wire of the request / botocore's ParamValidator on the same dict: <= 0.35
2. lenient from_wire of the response / a recursive copy of the same dict: <= 1.0
3. a fresh process that imports sagemon, builds, validates and converts the request / a fresh
   process that imports boto3: <= 0.30
4. the first Tag with a non-ASCII key in a process: <= 10 ms
5. one whole call (botocore's full pipeline, a canned HTTP response) through a client sagemon
   made / the same raw boto3 call: <= 0.92
6. a builder step on a complete builder (the slowest of several steps, on a job definition and
   on a schedule holding the reference request): <= 15 us; the ratio is against one
   ``copy.deepcopy`` of the builder's wire dict, which is what every step cost before builders
   copied only the path they change

Timings are the best of several rounds (each round long enough to be measured), which is the
figure least disturbed by other work on the machine.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import boto3.session  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402
from botocore.session import get_session  # noqa: E402
from botocore.validate import ParamValidator  # noqa: E402
from reference import build_request, build_response  # noqa: E402

from sagemon import (  # noqa: E402
    Client,
    ModelQualityJobDefinitionBuilder,
    MonitoringScheduleBuilder,
    Schedule,
    from_wire,
    to_wire,
    validate,
)
from sagemon.enums import InstanceType, MonitoringType  # noqa: E402
from sagemon.shapes import DescribeMonitoringScheduleResponse  # noqa: E402


def best_us(fn: Callable[[], object], rounds: int) -> float:
    """Best of ``rounds`` timings, each over enough calls to last ~20 ms, in microseconds."""
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        if time.perf_counter() - start > 0.02:
            break
        calls *= 2
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - start) / calls)
    return min(times) * 1e6


def dict_copy(value: Any) -> Any:
    """The baseline for parsing: a plain recursive copy of the same data."""
    if isinstance(value, dict):
        return {k: dict_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [dict_copy(v) for v in value]
    return value


def process_ms(code: str, runs: int) -> float:
    """Best wall time of ``python -c code`` in a fresh process, bytecode caches warm."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-c", code]
    subprocess.run(command, env=env, check=True)  # writes any missing .pyc first
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True)
        times.append(time.perf_counter() - start)
    return min(times) * 1e3


def in_fresh_process(code: str, runs: int) -> float:
    """Best of a figure (milliseconds) that ``code`` prints, each from a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-c", code]
    values = [
        float(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout)
        for _ in range(runs + 1)
    ]
    return min(values[1:])


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.data


def _canned(client: Any, body: dict[str, Any]) -> None:
    """Every call of ``client`` goes through botocore's whole pipeline and gets ``body``."""
    data = json.dumps(body, default=lambda v: v.timestamp()).encode()

    def send(request: Any, **_: Any) -> AWSResponse:
        headers = {"x-amzn-RequestId": "bench", "Content-Type": "application/x-amz-json-1.1"}
        return AWSResponse(request.url, 200, headers, _Body(data))  # type: ignore[arg-type]

    client.meta.events.register("before-send.sagemaker", send)


def whole_calls(rounds: int) -> list[tuple[str, float, float]]:
    """(call, through sagemon's client, raw boto3) in microseconds."""
    session = boto3.session.Session(
        aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1"
    )
    request = build_request()
    wire = to_wire(request)
    response = build_response()
    out = []
    for name, body, sagemon_call, raw_call in (
        (
            "CreateModelQualityJobDefinition (reference request)",
            {
                "JobDefinitionArn": "arn:aws:sagemaker:us-east-1:123456789012:model-quality-job-definition/x"
            },
            lambda c: c.create_model_quality_job_definition(request),
            lambda r: r.create_model_quality_job_definition(**wire),
        ),
        (
            "DescribeMonitoringSchedule (reference response)",
            response,
            lambda c: c.describe_monitoring_schedule(monitoring_schedule_name="churn"),
            lambda r: r.describe_monitoring_schedule(MonitoringScheduleName="churn"),
        ),
    ):
        client = Client(boto3_session=session)
        raw = session.client("sagemaker")
        _canned(client.boto3_client, body)
        _canned(raw, body)
        sagemon_us = best_us(lambda c=client, f=sagemon_call: f(c), rounds)
        raw_us = best_us(lambda r=raw, f=raw_call: f(r), rounds)
        out.append((name, sagemon_us, raw_us))
    return out


def builder_steps(rounds: int) -> list[tuple[str, str, float, float]]:
    """(builder, its slowest step, that step's time, one deepcopy of its wire) in microseconds,
    each step taken on a complete builder holding the reference request or response."""
    definition = ModelQualityJobDefinitionBuilder.from_request(build_request())
    described = from_wire(DescribeMonitoringScheduleResponse, build_response(), lenient=True)
    schedule = MonitoringScheduleBuilder.from_request(described)  # an inline definition
    hour, daily = datetime.timedelta(hours=1), Schedule.daily(hour=3)
    cases: list[tuple[Any, dict[str, Callable[[Any], object]]]] = [
        (
            definition,
            {
                "role": lambda b: b.role("arn:aws:iam::123456789012:role/Other"),
                "max_runtime": lambda b: b.max_runtime(hour),
                "tag": lambda b: b.tag("owner", "ml"),
                "environment": lambda b: b.environment(LOG_LEVEL="DEBUG"),
                "network": lambda b: b.network(isolation=True, encrypt_inter_container=True),
                "cluster": lambda b: b.cluster(InstanceType.ML_M5_LARGE, volume_gb=50),
                "endpoint": lambda b: b.endpoint("churn", inference_attribute="prediction"),
                "model_monitor_image": lambda b: b.model_monitor_image("eu-west-1"),
            },
        ),
        (
            schedule,
            {
                "name": lambda b: b.name("churn-2"),
                "schedule": lambda b: b.schedule(daily),
                "tag": lambda b: b.tag("owner", "ml"),
                "definition (name)": lambda b: b.definition("d", MonitoringType.DATA_QUALITY),
                "definition (builder)": lambda b: b.definition(definition),
            },
        ),
    ]
    out = []
    for builder, steps in cases:
        wire = builder.to_wire()
        deepcopy_us = best_us(lambda w=wire: copy.deepcopy(w), rounds)
        timed = {
            name: best_us(lambda b=builder, s=step: s(b), rounds) for name, step in steps.items()
        }
        slowest = max(timed, key=timed.__getitem__)
        out.append((type(builder).__name__, slowest, timed[slowest], deepcopy_us))
    return out


FIRST_TAG = """
import time
from sagemon.shapes import Tag
Tag(key="team", value="ml")
start = time.perf_counter()
Tag(key={key!r}, value="x")
print((time.perf_counter() - start) * 1e3)
"""

FRESH_SAGEMON = """
from reference import build_request
from sagemon import to_wire, validate
request = build_request()
validate(request)
to_wire(request)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    args = parser.parse_args()
    rounds, runs = (5, 5) if args.quick else (25, 15)

    request = build_request()
    wire = to_wire(request)
    response = build_response()
    validator = ParamValidator()
    shape = (
        get_session()
        .get_service_model("sagemaker")
        .shape_for("CreateModelQualityJobDefinitionRequest")
    )

    def build_validate_wire() -> None:
        built = build_request()
        validate(built)
        to_wire(built)

    rows: list[tuple[str, float, float, str, float | None]] = []
    botocore_us = best_us(lambda: validator.validate(wire, shape), rounds)
    rows.append(
        (
            "1. build + validate + to_wire",
            best_us(build_validate_wire, rounds),
            botocore_us,
            f"botocore ParamValidator ({botocore_us:.0f} us)",
            0.35,
        )
    )
    copy_us = best_us(lambda: dict_copy(response), rounds)
    rows.append(
        (
            "2. lenient from_wire (response)",
            best_us(
                lambda: from_wire(DescribeMonitoringScheduleResponse, response, lenient=True),
                rounds,
            ),
            copy_us,
            f"recursive dict copy ({copy_us:.0f} us)",
            1.0,
        )
    )
    boto3_ms = process_ms("import boto3", runs)
    rows.append(
        (
            "3. fresh process: import + build + validate + to_wire",
            process_ms(FRESH_SAGEMON, runs) * 1e3,
            boto3_ms * 1e3,
            f"fresh process importing boto3 ({boto3_ms:.0f} ms)",
            0.30,
        )
    )
    ascii_ms = in_fresh_process(FIRST_TAG.format(key="team-b"), runs)
    unicode_ms = in_fresh_process(FIRST_TAG.format(key="Kostenstelle-ß-名前"), runs)
    for name, sagemon_us, raw_us in whole_calls(rounds):
        rows.append(
            (
                f"5. whole call: {name}",
                sagemon_us,
                raw_us,
                f"raw boto3 call ({raw_us:.0f} us)",
                0.92 if "Create" in name else None,
            )
        )

    print(f"{'figure':58} {'sagemon':>10} {'ratio':>7}  {'goal':>6}  baseline")
    for name, mine, base, what, goal in rows:
        ratio = mine / base
        verdict = "" if goal is None else ("ok" if ratio <= goal else "MISSED")
        unit = f"{mine / 1e3:8.1f}ms" if mine > 1e4 else f"{mine:8.1f}us"
        goal_text = "" if goal is None else f"<={goal:.2f}"
        print(f"{name:58} {unit:>10} {ratio:6.2f}x  {goal_text:>6}  {what} {verdict}")
    for builder, step, step_us, deepcopy_us in builder_steps(rounds):
        verdict = "ok" if step_us <= 15 else "MISSED"
        name = f"6. builder step: {builder}"
        print(
            f"{name:58} {step_us:8.1f}us {step_us / deepcopy_us:6.2f}x  <=15us  "
            f"copy.deepcopy of its wire ({deepcopy_us:.0f} us); slowest step .{step}() {verdict}"
        )
    verdict = "ok" if unicode_ms <= 10 else "MISSED"
    print(
        f"{'4. first Tag with a non-ASCII key (fresh process)':58} {unicode_ms:8.2f}ms"
        f"          <=10ms  (an ASCII key: {ascii_ms:.2f} ms) {verdict}"
    )
    print(
        f"\n(best of {rounds} rounds; processes: best of {runs}; Python {sys.version.split()[0]})"
    )


if __name__ == "__main__":
    main()
