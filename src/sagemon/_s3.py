"""Reading report objects from S3: URIs, bounded reads and typed errors.

boto3's S3 client is duck-typed here (``get_object``, ``list_objects_v2``): the caller injects it,
so tests use moto or a stub, and sagemon needs no S3 type stubs.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar, overload

from sagemon.errors import ReportAccessDenied, ReportError, ReportFetchError, ReportNotFound

if TYPE_CHECKING:
    from sagemon._reports_base import Report

__all__ = [
    "is_s3_uri",
    "join_uri",
    "list_json_objects",
    "read_object",
    "read_report",
    "split_s3_uri",
]

_R = TypeVar("_R", bound="Report")

_NOT_FOUND = frozenset({"NoSuchKey", "NotFound", "404", "NoSuchBucket", "NoSuchVersion"})
_DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "403",
        "AllAccessDisabled",
        "AccountProblem",
        "KMS.AccessDeniedException",
        "KMS.DisabledException",
        "KMS.KMSInvalidStateException",
    }
)
# S3 refused the credentials, not the permissions: what to fix is the credentials (or the clock).
_CREDENTIALS = {
    "ExpiredToken": "the session token has expired: refresh the credentials",
    "ExpiredTokenException": "the session token has expired: refresh the credentials",
    "InvalidToken": "the session token is malformed or invalid: refresh the credentials",
    "InvalidAccessKeyId": "the access key id does not exist in AWS: check the credentials",
    "SignatureDoesNotMatch": ("the request signature does not match: check the secret access key"),
    "RequestTimeTooSkewed": (
        "this machine's clock is too far from AWS's time: synchronise the clock"
    ),
}
# The S3 endpoint of a host: s3, s3-fips, s3-accelerate, s3-<region> (legacy), then up to two
# more labels (dualstack, the region): s3.us-east-1, s3.dualstack.us-east-1,
# s3-fips.us-gov-west-1, s3-fips.dualstack.us-east-1, s3.cn-north-1 (…amazonaws.com.cn).
_ENDPOINT = r"s3(?:-[a-z0-9-]+)?(?:\.[a-z0-9-]+){0,2}\.amazonaws\.com(?:\.cn)?"
# https://<bucket>.<endpoint>/<key> (virtual-hosted style)
_VIRTUAL = re.compile(rf"^(?P<bucket>[^/]+?)\.{_ENDPOINT}$")
# https://<endpoint>/<bucket>/<key> (path style)
_PATH = re.compile(rf"^{_ENDPOINT}$")


def is_s3_uri(text: str) -> bool:
    """Whether ``text`` is an ``s3://`` URI (the form ``sagemon report`` takes)."""
    return text.startswith("s3://")


def split_s3_uri(uri: str) -> tuple[str, str]:
    """``(bucket, key)`` of an ``s3://bucket/key`` URI or an ``https://`` S3 object URL.

    An ``s3://`` key is taken as written. An ``https://`` URL (virtual-hosted or path style;
    regional, dualstack, FIPS, accelerate and China endpoints) loses its query string and
    fragment (``?versionId=…``, a presigned URL's signature) and its path is percent-decoded, as
    S3 reads it. The key may be empty (the bucket's root). ReportError if ``uri`` is neither.
    """
    if uri.startswith("s3://"):
        bucket, _, key = uri[len("s3://") :].partition("/")
        if bucket:
            return bucket, key
    elif uri.startswith("https://"):
        location = uri[len("https://") :].partition("#")[0].partition("?")[0]
        host, _, quoted = location.partition("/")
        path = urllib.parse.unquote(quoted)
        virtual = _VIRTUAL.match(host.lower())
        if virtual is not None:
            return virtual["bucket"], path
        if _PATH.match(host.lower()):
            bucket, _, key = path.partition("/")
            if bucket:
                return bucket, key
    raise ReportError(f"not an S3 location: {uri!r}; expected s3://bucket/key")


def join_uri(prefix: str, name: str) -> str:
    """``prefix/name``, with exactly one slash between them."""
    return prefix.rstrip("/") + "/" + name


def read_object(s3: Any, uri: str, *, max_bytes: int) -> bytes:
    """The bytes of the S3 object ``uri``, at most ``max_bytes`` of them.

    Raises :class:`~sagemon.errors.ReportNotFound` (no such object or bucket),
    :class:`~sagemon.errors.ReportAccessDenied`, :class:`~sagemon.errors.ReportFetchError` (any
    other failure) and :class:`~sagemon.errors.ReportError` for an object larger than the limit.
    """
    bucket, key = split_s3_uri(uri)
    if not key or key.endswith("/"):
        raise ReportError(f"{uri}: names a folder, not an object")
    try:
        response = s3.get_object(Bucket=bucket, Key=key)
        body = response["Body"]
        try:
            length = response.get("ContentLength")
            if isinstance(length, int) and length > max_bytes:
                raise _too_large(uri, max_bytes, length)
            data: bytes = body.read(max_bytes + 1)
        finally:
            body.close()
    except (ReportError, ReportFetchError):
        raise
    except Exception as exc:
        raise fetch_error(uri, exc) from exc
    if len(data) > max_bytes:
        raise _too_large(uri, max_bytes, None)
    return data


@overload
def read_report(s3: Any, uri: str, model: type[_R], *, max_bytes: int) -> _R: ...
@overload
def read_report(s3: Any, uri: str, model: None, *, max_bytes: int) -> Report: ...
def read_report(s3: Any, uri: str, model: type[Report] | None, *, max_bytes: int) -> Report:
    """The report in the S3 object ``uri``: read as ``model``, or recognised from its content.

    Raises what :func:`read_object` raises, and :class:`~sagemon.errors.ReportError` starting
    with ``uri`` when the object is not such a report.
    """
    data = read_object(s3, uri, max_bytes=max_bytes)
    try:
        if model is None:
            from sagemon._reports_load import load

            return load(data, max_bytes=max_bytes)
        return model.from_json(data, max_bytes=max_bytes)
    except ReportError as exc:
        raise ReportError(f"{uri}: {exc}") from exc


def list_json_objects(s3: Any, uri: str) -> Iterator[str]:
    """The ``s3://`` URIs of the ``*.json`` objects under the prefix ``uri``, in key order."""
    bucket, prefix = split_s3_uri(uri)
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    token: str | None = None
    try:
        while True:
            page = s3.list_objects_v2(
                Bucket=bucket, Prefix=prefix, **({"ContinuationToken": token} if token else {})
            )
            for item in page.get("Contents", ()):
                key = item.get("Key", "")
                if key.lower().endswith(".json"):
                    yield f"s3://{bucket}/{key}"
            token = page.get("NextContinuationToken")
            if not page.get("IsTruncated") or not token:
                return
    except ReportFetchError:
        raise
    except Exception as exc:
        raise fetch_error(uri, exc) from exc


def fetch_error(uri: str, exc: Exception) -> ReportFetchError:
    """The typed error for a failed S3 request (a botocore exception, or anything else)."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        error = response.get("Error") or {}
        code = str(error.get("Code", "") or "")
        status = (response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
        message = str(error.get("Message", "") or "")
        if not code and isinstance(status, int):
            code = str(status)
        if code in _NOT_FOUND or (not code and status == 404):
            what = "the bucket does not exist" if code == "NoSuchBucket" else "no such object"
            return ReportNotFound(uri, what, code=code or None)
        if code in _CREDENTIALS:
            detail = f" ({message})" if message else ""
            return ReportAccessDenied(
                uri,
                f"S3 refused the AWS credentials, not a permission: {code}{detail}; "
                f"{_CREDENTIALS[code]}",
                code=code,
            )
        if code in _DENIED or status == 403 or code.startswith("KMS."):
            detail = f" ({message})" if message else ""
            return ReportAccessDenied(
                uri,
                f"access denied{detail}: reading needs s3:GetObject on the object (and "
                "kms:Decrypt for encrypted outputs); without s3:ListBucket, S3 also answers "
                "a missing object this way",
                code=code or None,
            )
        shown = f"{code}: {message}" if message else code or "an error"
        return ReportFetchError(uri, f"S3 answered {shown}", code=code or None)
    name = type(exc).__name__
    if name in {"NoCredentialsError", "PartialCredentialsError", "CredentialRetrievalError"}:
        return ReportFetchError(uri, f"no usable AWS credentials: {exc}")
    return ReportFetchError(uri, f"the request did not complete: {name}: {exc}")


def _too_large(uri: str, max_bytes: int, length: int | None) -> ReportError:
    size = f"{length:,} bytes, " if length is not None else ""
    return ReportError(f"{uri}: {size}larger than the limit of {max_bytes:,} bytes")
