"""``sagemon demo``: the SDK end to end against the local SageMaker, narrated."""

from __future__ import annotations

import datetime
from typing import TextIO

__all__ = ["run"]

ROLE = "arn:aws:iam::123456789012:role/service-role/SageMakerMonitor"
BUCKET_NAME = "churn-ml"
BUCKET = f"s3://{BUCKET_NAME}"


def run(out: TextIO) -> int:
    """Print a short account of each step; returns the exit status."""
    try:
        import moto  # noqa: F401
    except ImportError:
        out.write("sagemon demo runs against the local SageMaker, which needs moto:\n")
        out.write("  pip install 'sagemon[testing]'\n")
        return 1

    from sagemon import (
        ModelExplainabilityJobDefinitionBuilder,
        ModelQualityBaselineJobBuilder,
        ModelQualityJobDefinitionBuilder,
        MonitoringScheduleBuilder,
        OptimizationJobBuilder,
        Schedule,
        ValidationError,
    )
    from sagemon.enums import (
        DeploymentInstanceType,
        ExecutionStatus,
        InstanceType,
        MonitoringProblemType,
        ProblemType,
        S3UploadMode,
    )
    from sagemon.reports import (
        ModelQualityViolation,
    )
    from sagemon.testing import local_sagemaker

    minutes = datetime.timedelta(minutes=1)
    step = 0

    def say(title: str) -> None:
        nonlocal step
        step += 1
        out.write(f"\n{step}. {title}\n")

    def show(text: object) -> None:
        for line in str(text).splitlines():
            out.write(f"   {line}\n")

    out.write(
        "sagemon demo: a local SageMaker (moto plus sagemon's fake); no AWS account is used.\n"
    )
    with local_sagemaker() as local:
        client = local.client

        say("Suggest a baseline: a model quality baselining job on scored validation data")
        local.s3.create_bucket(Bucket=BUCKET_NAME)
        local.s3.put_object(Bucket=BUCKET_NAME, Key="validation/scored.csv", Body=_scored_csv())
        ModelQualityBaselineJobBuilder("churn-quality-baseline").role(ROLE).dataset(
            f"{BUCKET}/validation/"
        ).output(f"{BUCKET}/baseline").problem_type(
            MonitoringProblemType.BINARY_CLASSIFICATION
        ).attributes(
            inference="prediction", probability="probability", ground_truth="label"
        ).create(client)
        client.wait_for_processing_job("churn-quality-baseline", poll_interval=30)
        suggested = client.suggested_baseline("churn-quality-baseline")
        statistics, constraints = suggested.model_quality()
        auc = statistics.metric("auc")
        measured = f"{auc.value:.3f}" if auc is not None and auc.value is not None else "?"
        show(f"suggested {constraints!r}; auc on the validation data: {measured}")
        relaxed = constraints.with_threshold("auc", 0.85)
        constraints_uri = f"{BUCKET}/baseline/edited/constraints.json"
        local.s3.put_object(
            Bucket=BUCKET_NAME, Key="baseline/edited/constraints.json", Body=relaxed.to_json()
        )
        show(f"relaxed the auc threshold to 0.85 and wrote {constraints_uri}")

        say("Build a model quality job definition with the fluent builder")
        started = (
            ModelQualityJobDefinitionBuilder("churn-model-quality")
            .role(ROLE)
            .model_monitor_image("us-east-1")
        )
        show("half-way, the builder says what is still missing:")
        for problem in started.missing():
            show(f"  - {problem.message}")
        quality = (
            started.endpoint(
                "churn-endpoint",
                inference_attribute="prediction",
                probability_attribute="probability",
                probability_threshold=0.5,
            )
            .ground_truth(f"{BUCKET}/ground-truth")
            .problem_type(ProblemType.BINARY_CLASSIFICATION)
            .baseline(constraints=constraints_uri, job_name="churn-quality-baseline")
            .cluster(InstanceType.ML_M5_XLARGE, count=1, volume_gb=20)
            .output(f"{BUCKET}/reports/quality", upload=S3UploadMode.END_OF_JOB)
            .max_runtime(30 * minutes)
            .tag("team", "ml-platform")
        )
        show(f"complete: {quality!r}")

        say("Build a model explainability job definition, sharing the same steps")
        explainability = (
            ModelExplainabilityJobDefinitionBuilder("churn-explainability")
            .role(ROLE)
            .clarify_image("us-east-1")
            .analysis_config(f"{BUCKET}/clarify/analysis_config.json")
            .endpoint("churn-endpoint")
            .cluster(InstanceType.ML_M5_XLARGE, volume_gb=20)
            .output(f"{BUCKET}/reports/explainability")
            .max_runtime(60 * minutes)
        )
        show(repr(explainability))

        say("Catch mistakes before anything is sent")
        hourly = MonitoringScheduleBuilder("churn-quality-hourly").schedule(Schedule.hourly())
        mistaken = hourly.definition(quality.max_runtime(90 * minutes).name("churn_model_quality"))
        try:
            mistaken.build()
        except ValidationError as exc:
            show(exc)

        say("Create both definitions and an hourly schedule")
        show(client.create_model_quality_job_definition(quality.build()).job_definition_arn)
        show(explainability.create(client).job_definition_arn)
        schedule = hourly.definition(quality).create(client)
        show(schedule.monitoring_schedule_arn)
        described = client.wait_for_monitoring_schedule("churn-quality-hourly", poll_interval=5)
        show(
            f"schedule is {described.monitoring_schedule_status.value} ({described.monitoring_type.value if described.monitoring_type else '?'})"
        )

        say("List and describe them back")
        for summary in client.list_model_quality_job_definitions(name_contains="churn"):
            show(
                f"model quality definition {summary.monitoring_job_definition_name} on {summary.endpoint_name}"
            )
        for summary in client.list_model_explainability_job_definitions():
            show(
                f"explainability definition {summary.monitoring_job_definition_name} on {summary.endpoint_name}"
            )
        definition = client.describe_model_quality_job_definition(
            job_definition_name="churn-model-quality"
        )
        cluster = definition.job_resources.cluster_config
        show(
            f"runs on {cluster.instance_count} x {cluster.instance_type.value}, {cluster.volume_size_in_gb} GB"
        )

        say("The hourly execution finds violations: read them, typed")
        local.run_execution(
            "churn-quality-hourly",
            ExecutionStatus.COMPLETED_WITH_VIOLATIONS,
            violations=[("auc", "LessThanThreshold"), ("f1", "LessThanThreshold")],
        )
        execution = client.wait_for_latest_monitoring_execution(
            "churn-quality-hourly", poll_interval=15
        )
        show(f"execution finished: {execution.monitoring_execution_status.value}")
        reports = client.latest_reports("churn-quality-hourly")
        show(f"reports under {reports.where.prefix}")
        for violation in reports.violations or ():
            assert isinstance(violation, ModelQualityViolation)
            show(
                f"- {violation.metric_name}: {violation.observed:.3f} is {violation.check_type}"
                f" {violation.threshold:.3f}"
            )
        for alert in client.list_monitoring_alerts(monitoring_schedule_name="churn-quality-hourly"):
            show(f"alert {alert.monitoring_alert_name}: {alert.alert_status.value}")

        say("Start an optimization job and wait for it")
        job = (
            OptimizationJobBuilder("churn-llm-awq")
            .role(ROLE)
            .model(f"{BUCKET}/models/llm/", accept_eula=True)
            .deploy_on(DeploymentInstanceType.ML_G5_2XLARGE)
            .quantize(OPTION_QUANTIZE="awq")
            .output(f"{BUCKET}/models/llm-awq/")
            .max_runtime(datetime.timedelta(hours=2))
        )
        show(job.create(client).optimization_job_arn)
        seen: list[str] = []
        finished = client.wait_for_optimization_job(
            "churn-llm-awq",
            poll_interval=60,
            on_progress=lambda p: seen.append(f"{p.status} at {p.elapsed:.0f}s"),
        )
        show(" -> ".join(dict.fromkeys(s.split(" at ")[0] for s in seen)))
        show(
            f"{finished.optimization_job_status.value}; recommended image: {finished.optimization_output.recommended_inference_image if finished.optimization_output else '-'}"
        )

    out.write(
        "\nDone: every call above went through sagemon's typed client, validated before sending.\n"
    )
    return 0


def _scored_csv(rows: int = 200) -> bytes:
    """Validation data scored by a churn model: prediction, probability and the true label."""
    import random

    draw = random.Random(7)
    lines = ["prediction,probability,label"]
    for _ in range(rows):
        churned = draw.random() < 0.3
        centre = 0.7 if churned else 0.25
        probability = min(0.99, max(0.01, centre + draw.uniform(-0.35, 0.35)))
        lines.append(f"{int(probability > 0.5)},{probability:.3f},{int(churned)}")
    return "\n".join(lines).encode()
