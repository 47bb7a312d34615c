"""Refresh ``codegen/sagemaker-slice.json`` from the installed botocore.

The slice holds every shape reachable from the 32 Model Monitor and optimization-job
operations and the two processing-job operations monitoring results need, plus their paginators, so that code generation is reproducible without
depending on whichever botocore happens to be installed.

Run: ``python codegen/refresh.py`` (then ``python codegen/generate.py``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import botocore
from botocore.loaders import create_loader

SLICE = Path(__file__).with_name("sagemaker-slice.json")

OPERATIONS = [
    f"{verb}{kind}JobDefinition{'s' if verb == 'List' else ''}"
    for kind in ("ModelQuality", "ModelExplainability", "DataQuality", "ModelBias")
    for verb in ("Create", "Describe", "List", "Delete")
] + [
    "CreateMonitoringSchedule",
    "DescribeMonitoringSchedule",
    "UpdateMonitoringSchedule",
    "ListMonitoringSchedules",
    "DeleteMonitoringSchedule",
    "StartMonitoringSchedule",
    "StopMonitoringSchedule",
    "ListMonitoringExecutions",
    "ListMonitoringAlerts",
    "UpdateMonitoringAlert",
    "ListMonitoringAlertHistory",
    "CreateOptimizationJob",
    "DescribeOptimizationJob",
    "ListOptimizationJobs",
    "StopOptimizationJob",
    "DeleteOptimizationJob",
    # Monitoring results: an execution's processing job says where its reports are, and
    # baselining jobs are processing jobs.
    "CreateProcessingJob",
    "DescribeProcessingJob",
]


def _reachable(shapes: dict[str, Any], roots: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            todo.append(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                todo.append(shape[key]["shape"])
    return seen


def build_slice() -> dict[str, Any]:
    loader = create_loader()
    model = loader.load_service_model("sagemaker", "service-2")
    paginators = loader.load_service_model("sagemaker", "paginators-1")["pagination"]
    ops = {name: model["operations"][name] for name in OPERATIONS}
    roots = []
    for op in ops.values():
        for key in ("input", "output"):
            if key in op:
                roots.append(op[key]["shape"])
        roots.extend(err["shape"] for err in op.get("errors", []))
    names = _reachable(model["shapes"], roots)
    return {
        "botocore_version": botocore.__version__,
        "metadata": model["metadata"],
        "operations": ops,
        "paginators": {name: paginators[name] for name in OPERATIONS if name in paginators},
        "shapes": {name: model["shapes"][name] for name in sorted(names)},
    }


def main() -> None:
    SLICE.write_text(json.dumps(build_slice(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SLICE.name}")


if __name__ == "__main__":
    main()
