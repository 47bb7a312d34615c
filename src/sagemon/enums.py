"""The service model's 19 enums, plus friendly names for the ones people type.

Each member's value is its wire string (``InstanceType.ML_M5_XLARGE == "ml.m5.xlarge"``). A value
newer than this SDK is an *unlisted* member: responses carry them automatically, and a request can
use one explicitly with ``InstanceType.unlisted("ml.q9.xlarge")``.
"""

from sagemon._generated.enums import *  # noqa: F403
from sagemon._generated.enums import (
    MonitoringProblemType,
    OptimizationJobDeploymentInstanceType,
    ProcessingInstanceType,
    ProcessingS3DataDistributionType,
    ProcessingS3InputMode,
    ProcessingS3UploadMode,
)
from sagemon._generated.enums import __all__ as _generated
from sagemon._shape import ShapeEnum

ProblemType = MonitoringProblemType
InstanceType = ProcessingInstanceType
S3InputMode = ProcessingS3InputMode
S3UploadMode = ProcessingS3UploadMode
S3DataDistributionType = ProcessingS3DataDistributionType
DeploymentInstanceType = OptimizationJobDeploymentInstanceType

__all__ = [
    "DeploymentInstanceType",
    "InstanceType",
    "ProblemType",
    "S3DataDistributionType",
    "S3InputMode",
    "S3UploadMode",
    "ShapeEnum",
]
__all__ += _generated
