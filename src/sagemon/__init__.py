"""sagemon: a typed SDK for Amazon SageMaker Model Monitor and model optimization jobs.

``import sagemon`` is cheap: the shapes and the wire converter load on first use, and boto3 only
when a client is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sagemon._lazy import lazy_attributes
from sagemon.errors import Problem, SagemonError, ValidationError

if TYPE_CHECKING:
    from sagemon._baseline import (
        BaselineDatasetFormat,
        DataQualityBaselineJobBuilder,
        ModelQualityBaselineJobBuilder,
        SuggestedBaseline,
    )
    from sagemon._builders import (
        DataQualityJobDefinitionBuilder,
        DatasetFormat,
        ModelBiasJobDefinitionBuilder,
        ModelExplainabilityJobDefinitionBuilder,
        ModelQualityJobDefinitionBuilder,
        MonitoringScheduleBuilder,
        OptimizationJobBuilder,
    )
    from sagemon._client import Client, Clock, WaitProgress
    from sagemon._files import from_json, from_yaml, to_json, to_yaml
    from sagemon._paging import Listing, SkippedItem
    from sagemon._results import (
        BaselineReports,
        ExecutionEntry,
        ExecutionHistory,
        ExecutionReports,
        ReportLocation,
    )
    from sagemon._schedule import Schedule, format_offset, parse_offset
    from sagemon._wire import configure_converter, from_wire, make_converter, to_wire, validate

__all__ = [
    "BaselineDatasetFormat",
    "BaselineReports",
    "Client",
    "Clock",
    "DataQualityBaselineJobBuilder",
    "DataQualityJobDefinitionBuilder",
    "DatasetFormat",
    "ExecutionEntry",
    "ExecutionHistory",
    "ExecutionReports",
    "Listing",
    "ModelBiasJobDefinitionBuilder",
    "ModelExplainabilityJobDefinitionBuilder",
    "ModelQualityBaselineJobBuilder",
    "ModelQualityJobDefinitionBuilder",
    "MonitoringScheduleBuilder",
    "OptimizationJobBuilder",
    "Problem",
    "ReportLocation",
    "SagemonError",
    "Schedule",
    "SkippedItem",
    "SuggestedBaseline",
    "ValidationError",
    "WaitProgress",
    "__version__",
    "configure_converter",
    "format_offset",
    "from_json",
    "from_wire",
    "from_yaml",
    "make_converter",
    "parse_offset",
    "to_json",
    "to_wire",
    "to_yaml",
    "validate",
]

__version__ = "0.1.0"

_BUILDERS = (
    "DataQualityJobDefinitionBuilder",
    "DatasetFormat",
    "ModelBiasJobDefinitionBuilder",
    "ModelExplainabilityJobDefinitionBuilder",
    "ModelQualityJobDefinitionBuilder",
    "MonitoringScheduleBuilder",
    "OptimizationJobBuilder",
)
_BASELINE = (
    "BaselineDatasetFormat",
    "DataQualityBaselineJobBuilder",
    "ModelQualityBaselineJobBuilder",
    "SuggestedBaseline",
)
_LAZY = {
    **dict.fromkeys(_BUILDERS, "sagemon._builders"),
    **dict.fromkeys(_BASELINE, "sagemon._baseline"),
    **dict.fromkeys(("Schedule", "format_offset", "parse_offset"), "sagemon._schedule"),
    **dict.fromkeys(("from_json", "from_yaml", "to_json", "to_yaml"), "sagemon._files"),
    **dict.fromkeys(
        (
            "BaselineReports",
            "ExecutionEntry",
            "ExecutionHistory",
            "ExecutionReports",
            "ReportLocation",
        ),
        "sagemon._results",
    ),
    "Client": "sagemon._client",
    "Clock": "sagemon._client",
    "Listing": "sagemon._paging",
    "SkippedItem": "sagemon._paging",
    "WaitProgress": "sagemon._client",
    "configure_converter": "sagemon._wire",
    "from_wire": "sagemon._wire",
    "make_converter": "sagemon._wire",
    "to_wire": "sagemon._wire",
    "validate": "sagemon._wire",
}


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, __all__)
