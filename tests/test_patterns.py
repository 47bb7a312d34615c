"""Model patterns: faithful, linear in the input, and explained in words when they fail."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sagemon import ValidationError, from_wire
from sagemon._patterns import (
    FAST_FORMS,
    LINE_TERMINATORS,
    LINEAR_FORMS,
    fast_form,
    java_pattern,
    translate,
)
from sagemon.shapes import (
    CreateMonitoringScheduleRequest,
    MonitoringClusterConfig,
    MonitoringConstraintsResource,
    Tag,
)
from tests.model import SHAPES

_ASCII = {"L": "a-zA-Z", "Z": " ", "N": "0-9"}
PATTERNS = sorted({shape["pattern"] for shape in SHAPES.values() if "pattern" in shape})
MAX_LENGTH = {
    shape["pattern"]: max(shape.get("max", 0), 256)
    for shape in SHAPES.values()
    if "pattern" in shape
}


# ----------------------------------------------------------------------------- linear forms


@pytest.mark.parametrize(("java", "linear"), sorted(LINEAR_FORMS.items()))
def test_linear_forms_accept_exactly_what_the_model_pattern_accepts(java: str, linear: str) -> None:
    original = re.compile(translate(java, _ASCII.__getitem__), re.ASCII | re.DOTALL)
    check = java_pattern(java)
    alphabet = st.sampled_from(["s", "3", "h", "t", "p", ":", "/", "a", "\n", "\r", "\x85", " "])
    texts = st.one_of(
        st.text(alphabet, max_size=14),
        st.builds(lambda s, t: s + t, st.sampled_from(["s3://", "https://"]), st.text(alphabet)),
    )

    @given(texts)
    def same(text: str) -> None:
        assert check(text) == (original.fullmatch(text) is not None), text

    same()


@pytest.mark.parametrize("java", sorted(FAST_FORMS))
def test_fast_forms_accept_only_what_the_pattern_accepts(java: str) -> None:
    """A fast form may reject a valid value (the exact check then runs), never accept a bad one."""
    check = java_pattern(java)
    accepts = eval(f"lambda v: {fast_form(java, 'v')}")
    ascii_text = st.text(st.sampled_from("aZ09-_./:@ \t\n\r!hstp3P+=,"), max_size=12)
    starts = [
        "s3://",
        "https://",
        "",
        "-",
        "arn:aws:iam::123456789012:role/",
        "arn:aws:iam::1:role/",
    ]
    prefixed = st.builds(lambda a, b: a + b, st.sampled_from(starts), ascii_text)

    @given(prefixed)
    def sufficient(text: str) -> None:
        if accepts(text):
            assert check(text), text

    sufficient()
    # and they are not vacuous: each accepts a typical valid value
    typical = {
        "[\\S\\s]*": "x",
        "[a-zA-Z_][a-zA-Z0-9_]*": "LOG_LEVEL",
        ".?P.*": "-PT1H",
        "[a-zA-Z0-9:/_-]*": "arn:aws:kms:us-east-1:123456789012:key/ab-12",
        "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+": (
            "arn:aws:iam::123456789012:role/service-role/Monitor"
        ),
    }
    sample = typical.get(java, "s3://bucket/key" if "s3" in java else "churn-v2")
    assert accepts(sample)


def _adversarial(java: str, size: int) -> list[str]:
    """Long inputs built from the pattern's own literal pieces, each ending in a mismatch."""
    pieces = {"a", "-", "/", ":", "0", " ", ".", "_", "\n"}
    pieces |= set(re.findall(r"[A-Za-z0-9:/.@=+_-]", java))
    prefixes = ["", "s3://", "https://", "arn:aws:iam::123456789012:role/", "P", "a"]
    prefixes += ["arn:aws:sagemaker:us-east-1:123456789012:optimization-job/"]
    endings = ["", "\n", "!", "/\n", "\x00", " "]
    return [
        prefix + piece * size + ending
        for prefix in prefixes
        for piece in pieces
        for ending in endings
    ]


def _worst(check: Callable[[str], bool], texts: list[str]) -> tuple[float, str]:
    worst = (0.0, "")
    for text in texts:
        best = min(_timed(check, text) for _ in range(3))
        worst = max(worst, (best, text))
    return worst


def _timed(check: Callable[[str], bool], text: str) -> float:
    start = time.perf_counter()
    check(text)
    return time.perf_counter() - start


@pytest.mark.parametrize("java", PATTERNS)
def test_every_model_pattern_is_linear_on_adversarial_input(java: str) -> None:
    """Time grows in proportion to the input: 8x longer input may not cost 64x (quadratic)."""
    check = java_pattern(java)
    size = MAX_LENGTH[java]
    small, text = _worst(check, _adversarial(java, size))
    big, _text = _worst(check, _adversarial(java, 8 * size))
    assert small < 0.005, f"{java!r} took {small * 1e3:.2f} ms on {text[:40]!r}..."
    assert big < 20 * max(small, 20e-6), f"{java!r}: {small * 1e6:.0f} us -> {big * 1e6:.0f} us"


def test_a_long_s3_uri_is_rejected_at_once() -> None:
    """The reproducer: a 20,000-character URI with a line break took 5 s to reject."""
    uri = "s3://" + "a" * 20000 + "/\n"
    start = time.perf_counter()
    with pytest.raises(ValidationError) as info:
        MonitoringConstraintsResource(s3_uri=uri)
    assert time.perf_counter() - start < 0.5
    # The length already fails, so the pattern is not even tried: one problem for one cause.
    assert [p.message.split(" (")[0] for p in info.value.problems] == [
        "length 20007 is above the maximum 1024"
    ]
    start = time.perf_counter()
    assert not java_pattern("(https|s3)://([^/]+)/?(.*)")(uri)
    assert time.perf_counter() - start < 0.05


def test_java_dot_semantics_survive_the_linear_form() -> None:
    check = java_pattern("(https|s3)://([^/]+)/?(.*)")
    assert check("s3://bucket/key/x")
    assert check("s3://bu\ncket")  # [^/] takes line terminators; only . refuses them
    for terminator in LINE_TERMINATORS:
        assert not check(f"s3://bucket/a{terminator}b")


def test_a_non_ascii_tag_does_not_scan_all_of_unicode() -> None:
    """Only the characters of the value are classified: the first one costs milliseconds."""
    start = time.perf_counter()
    Tag(key="Kostenstelle-ß-" + "名前", value="Étiquette ١٢٣")
    assert time.perf_counter() - start < 0.25


# ----------------------------------------------------------------------------- words


def _problems(build: Callable[[], object]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        build()
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "churn_v2",
            "'churn_v2' has an underscore ('_') at position 6; use only letters, digits and hyphens",
        ),
        (
            "churn v2",
            "'churn v2' has a space (' ') at position 6; use only letters, digits and hyphens",
        ),
        ("-churn", "'-churn' starts with a hyphen; start and end with a letter or digit"),
        ("churn-", "'churn-' ends with a hyphen; start and end with a letter or digit"),
        ("a" * 64, f"length 64 is outside 1..63 ('{'a' * 56}...)"),
    ],
)
def test_names_are_explained_in_words_one_problem_per_cause(name: str, message: str) -> None:
    problems = _problems(
        lambda: from_wire(
            CreateMonitoringScheduleRequest,
            {
                "MonitoringScheduleName": name,
                "MonitoringScheduleConfig": {"MonitoringJobDefinitionName": "d"},
            },
        )
    )
    assert problems == [f"MonitoringScheduleName: {message}"]


@pytest.mark.parametrize(
    ("member", "value", "message"),
    [
        ("RoleArn", "arn:aws:iam::123:role/x-long-enough", "is not an IAM role ARN such as"),
        ("ImageUri", "monitor\n:1", "has a line break (U+000A) at position 8; use one line"),
    ],
)
def test_arns_and_one_line_strings_are_explained(member: str, value: str, message: str) -> None:
    from tests.model import sample

    data = sample("MonitoringJobDefinition")
    if member == "ImageUri":
        data["MonitoringAppSpecification"]["ImageUri"] = value
    else:
        data[member] = value
    from sagemon.shapes import MonitoringJobDefinition

    problems = _problems(lambda: from_wire(MonitoringJobDefinition, data))
    assert len(problems) == 1
    assert message in problems[0]


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("bucket/key", "'bucket/key' is not an S3 URI; write s3://bucket/prefix"),
        ("s3:///key", "'s3:///key' has no bucket after s3://"),
        ("s3://b/a\nb", "has a line break (U+000A) at position 9"),
    ],
)
def test_s3_uris_are_explained(uri: str, message: str) -> None:
    problems = _problems(lambda: MonitoringConstraintsResource(s3_uri=uri))
    assert len(problems) == 1
    assert message in problems[0]


def test_other_pattern_families_are_explained() -> None:
    from sagemon.shapes import EndpointInput, ModelQualityAppSpecification

    assert _problems(
        lambda: ModelQualityAppSpecification(image_uri="i", environment={"1ST": "x"})
    ) == ["Environment['1ST']: '1ST' starts with a digit; environment variable names cannot"]
    assert _problems(
        lambda: EndpointInput(endpoint_name="e", local_path="/p", start_time_offset="1h")
    ) == ["StartTimeOffset: '1h' is not an ISO 8601 duration such as -PT1H, -PT30M or -P1D"]
    assert _problems(
        lambda: MonitoringClusterConfig(
            instance_count=1,
            instance_type=__import__("sagemon.enums").enums.InstanceType.ML_M5_XLARGE,
            volume_size_in_gb=1,
            volume_kms_key_id="key id",
        )
    ) == [
        "VolumeKmsKeyId: 'key id' has a space (' ') at position 4;"
        " use only letters, digits and : / _ - (a KMS key id, alias or ARN)"
    ]


def test_every_model_pattern_has_words() -> None:
    """A pattern added by a model refresh gets words here, or its raw form is what users see."""
    from sagemon._problems import _EXPLAIN

    raw = [p for p in PATTERNS if p not in _EXPLAIN and p != "[\\S\\s]*"]
    assert raw == []
