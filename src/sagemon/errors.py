"""Exceptions raised by sagemon.

Everything sagemon raises on purpose derives from :class:`SagemonError`, so library code
can catch the whole family with one clause.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from sagemon._shape import Shape

__all__ = [
    "AccessDeniedError",
    "AccessDeniedException",
    "ApplyError",
    "ClientSideError",
    "ConfigurationError",
    "ConflictError",
    "ConflictException",
    "ConnectionFailedError",
    "CredentialsError",
    "FolderError",
    "InternalFailure",
    "InvalidRequestError",
    "LimitExceededError",
    "MalformedResponseError",
    "NoFinishedExecution",
    "NotFoundError",
    "PaginationError",
    "Problem",
    "ReportAccessDenied",
    "ReportError",
    "ReportFetchError",
    "ReportNotFound",
    "ReportsUnavailable",
    "RequestTimeoutError",
    "ResourceAlreadyExists",
    "ResourceInUse",
    "ResourceLimitExceeded",
    "ResourceNotFound",
    "SagemonError",
    "ServerSideError",
    "ServiceError",
    "ServiceUnavailable",
    "ThrottledError",
    "ThrottlingException",
    "TransportError",
    "UnknownRegionError",
    "ValidationError",
    "ValidationException",
    "WaitError",
    "WaitFailedError",
    "WaitStoppedError",
    "WaitTimeoutError",
    "error_class_for_code",
]


class SagemonError(Exception):
    """Base class of every error sagemon raises on purpose.

    Errors pickle intact (for process pools): the message, every attribute and any notes added
    with ``add_note`` survive a round trip, without calling ``__init__`` again.
    """

    def __reduce__(
        self,
    ) -> tuple[
        Callable[[type[SagemonError], tuple[object, ...], dict[str, object]], SagemonError],
        tuple[type[SagemonError], tuple[object, ...], dict[str, object]],
    ]:
        return (_restore, (type(self), self.args, self.__dict__.copy()))


def _restore(
    cls: type[SagemonError], args: tuple[object, ...], state: dict[str, object]
) -> SagemonError:
    """Unpickle an error: its arguments and attributes, as they were."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class Problem(NamedTuple):
    """One validation problem: the wire path of the offending value and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(SagemonError, ValueError):
    """A value breaks one or more documented constraints; ``problems`` lists every one.

    Paths use the wire names, e.g. ``ModelQualityJobInput.EndpointInput.LocalPath``.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], subject: str = "") -> None:
        self.problems = tuple(problems)
        self.subject = subject
        super().__init__(self._render())

    def _render(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}"
        if self.subject:
            head += f" in {self.subject}"
        if count == 1:
            return f"{head}: {self.problems[0]}"
        return head + ":\n" + "\n".join(f"  {p}" for p in self.problems)

    @property
    def paths(self) -> tuple[str, ...]:
        """The distinct paths with a problem, in the order they were found."""
        return tuple(dict.fromkeys(p.path for p in self.problems))


# ----------------------------------------------------------------------------- service errors


class ServiceError(SagemonError):
    """SageMaker answered with an error. Subclasses name the code and its category.

    The original botocore ``ClientError`` is the ``__cause__``; ``response`` is its parsed body.
    """

    def __init__(
        self,
        *,
        operation: str,
        code: str,
        message: str,
        request_id: str | None = None,
        http_status: int | None = None,
        response: Mapping[str, Any] | None = None,
    ) -> None:
        self.operation = operation
        self.code = code
        self.message = message
        self.request_id = request_id
        self.http_status = http_status
        self.response: Mapping[str, Any] = response or {}
        if code and not code.isdigit():
            text = f"{operation} failed with {code} (HTTP {http_status})"
        else:  # botocore puts the HTTP status where the body gave no code
            text = f"{operation} failed with HTTP {http_status} and no error code"
        super().__init__(f"{text}: {message}" if message else text)


class ClientSideError(ServiceError):
    """Category: the request itself was at fault; sending it again unchanged will fail again."""


class ServerSideError(ServiceError):
    """Category: SageMaker failed; retrying later may succeed."""


class ThrottledError(ServiceError):
    """Category: too many requests; retry with backoff (botocore's retry config does this)."""


class NotFoundError(ClientSideError):
    """Category: the named resource does not exist."""


class ConflictError(ClientSideError):
    """Category: the resource already exists, is in use, or is in a conflicting state."""


class LimitExceededError(ClientSideError):
    """Category: an account or resource limit was reached."""


class AccessDeniedError(ClientSideError):
    """Category: the caller's credentials are not allowed to do this."""


class InvalidRequestError(ClientSideError):
    """Category: SageMaker rejected the request's content."""


class ResourceNotFound(NotFoundError):
    """``ResourceNotFound``: the resource being accessed was not found."""


class ResourceInUse(ConflictError):
    """``ResourceInUse``: the resource is in use (or a resource of that name exists)."""


class ResourceAlreadyExists(ConflictError):
    """``ResourceAlreadyExists``: a resource with that name already exists."""


class ConflictException(ConflictError):
    """``ConflictException``: the request conflicts with the resource's current state."""


class ResourceLimitExceeded(LimitExceededError):
    """``ResourceLimitExceeded``: a limit of the account or resource was reached."""


class ValidationException(InvalidRequestError):
    """``ValidationException``: SageMaker found the input invalid."""


class ThrottlingException(ThrottledError):
    """``ThrottlingException`` (and its aliases): the request rate is too high."""


class AccessDeniedException(AccessDeniedError):
    """``AccessDeniedException``: the caller lacks permission."""


class InternalFailure(ServerSideError):
    """``InternalFailure`` (and its aliases): an internal error in SageMaker."""


class ServiceUnavailable(ServerSideError):
    """``ServiceUnavailable``: SageMaker is temporarily unavailable."""


_ERROR_CODES: dict[str, type[ServiceError]] = {
    "ResourceNotFound": ResourceNotFound,
    "ResourceInUse": ResourceInUse,
    "ResourceAlreadyExists": ResourceAlreadyExists,
    "ConflictException": ConflictException,
    "ResourceLimitExceeded": ResourceLimitExceeded,
    "ValidationException": ValidationException,
    "ValidationError": ValidationException,
    "ThrottlingException": ThrottlingException,
    "Throttling": ThrottlingException,
    "ThrottledException": ThrottlingException,
    "RequestThrottled": ThrottlingException,
    "RequestThrottledException": ThrottlingException,
    "TooManyRequestsException": ThrottlingException,
    "RequestLimitExceeded": ThrottlingException,
    "AccessDeniedException": AccessDeniedException,
    "AccessDenied": AccessDeniedException,
    # Credentials or signature refused: the caller is not allowed in, whatever the request.
    "ExpiredToken": AccessDeniedError,
    "ExpiredTokenException": AccessDeniedError,
    "IncompleteSignature": AccessDeniedError,
    "InvalidClientTokenId": AccessDeniedError,
    "InvalidSignatureException": AccessDeniedError,
    "MissingAuthenticationToken": AccessDeniedError,
    "MissingAuthenticationTokenException": AccessDeniedError,
    "NotAuthorized": AccessDeniedError,
    "SignatureDoesNotMatch": AccessDeniedError,
    "UnrecognizedClientException": AccessDeniedError,
    "InternalFailure": InternalFailure,
    "InternalServerError": InternalFailure,
    "InternalError": InternalFailure,
    "ServiceUnavailable": ServiceUnavailable,
    "ServiceUnavailableException": ServiceUnavailable,
}


_STATUS_CATEGORIES: dict[int, type[ServiceError]] = {
    403: AccessDeniedError,
    429: ThrottledError,
}


def error_class_for_code(code: str, http_status: int | None = None) -> type[ServiceError]:
    """The exception class for an AWS error code and the response's HTTP status.

    A known code decides. Otherwise (an unknown code, or none: a bare ``503`` from a proxy or
    load balancer) the status gives the category: 5xx :class:`ServerSideError`, 429
    :class:`ThrottledError`, 403 :class:`AccessDeniedError`; anything else is a plain
    :class:`ServiceError`.
    """
    known = _ERROR_CODES.get(code)
    if known is not None:
        return known
    if http_status is not None and 500 <= http_status <= 599:
        return ServerSideError
    return _STATUS_CATEGORIES.get(http_status or 0, ServiceError)


# ----------------------------------------------------------------------------- other failures


class ConfigurationError(SagemonError):
    """sagemon could not make the boto3 client: no region, an unknown profile, a bad endpoint URL…

    The message says what to set; botocore's exception is the ``__cause__``.
    """


class TransportError(SagemonError):
    """The request did not complete: connection, timeout or credentials (botocore failed)."""

    def __init__(self, operation: str, message: str) -> None:
        self.operation = operation
        super().__init__(f"{operation}: {message}")


class ConnectionFailedError(TransportError):
    """The endpoint could not be reached."""


class RequestTimeoutError(TransportError):
    """Connecting or reading timed out."""


class CredentialsError(TransportError):
    """No usable AWS credentials (or region) were found."""


class MalformedResponseError(SagemonError):
    """A response lacked required members or had values of the wrong type.

    Nothing of the answer is lost: ``response`` is the raw response as botocore returned it
    (with its ``ResponseMetadata``), and ``request_id`` and ``http_status`` come from it. The call
    itself succeeded: a Create that answers malformed has probably created the resource, and
    the message says so. From a listing, ``items`` holds the page's valid items and
    ``next_token`` the page's ``NextToken``, from which the listing goes on (see
    :meth:`sagemon.Listing.skip_malformed` to skip such items instead).
    """

    def __init__(
        self,
        operation: str,
        problems: Sequence[Problem],
        *,
        response: Mapping[str, Any] | None = None,
        items: Sequence[Shape] = (),
        next_token: str | None = None,
    ) -> None:
        self.operation = operation
        self.problems = tuple(problems)
        self.response: Mapping[str, Any] = dict(response) if response else {}
        meta = self.response.get("ResponseMetadata")
        meta = meta if isinstance(meta, Mapping) else {}
        request_id, status = meta.get("RequestId"), meta.get("HTTPStatusCode")
        self.request_id: str | None = request_id if isinstance(request_id, str) else None
        self.http_status: int | None = (
            status if isinstance(status, int) and not isinstance(status, bool) else None
        )
        self.items: tuple[Shape, ...] = tuple(items)
        self.next_token = next_token
        super().__init__(self._render())

    def _render(self) -> str:
        head = f"{self.operation} returned a malformed response"
        known = [
            f"HTTP {self.http_status}" if self.http_status is not None else "",
            f"request {self.request_id}" if self.request_id else "",
        ]
        if any(known):
            head += f" ({', '.join(k for k in known if k)})"
        shown = "; ".join(map(str, self.problems[:_SHOWN_PROBLEMS]))
        if len(self.problems) > _SHOWN_PROBLEMS:
            shown += f"; and {len(self.problems) - _SHOWN_PROBLEMS} more"
        text = f"{head}: {shown}"
        if self.operation.startswith("Create"):
            text += (
                ". The call succeeded, so the resource was probably created: call "
                f"Describe{self.operation[len('Create') :]} before creating it again"
            )
        elif self.operation.startswith("Update"):
            text += (
                ". The call succeeded, so the change was probably made: check the resource "
                "before trying again"
            )
        if self.items or self.next_token:
            count = len(self.items)
            text += (
                f". The page's {count} valid item{'s are' if count != 1 else ' is'} in .items; "
                "the listing goes on from .next_token"
            )
        return text


_SHOWN_PROBLEMS = 10


class PaginationError(SagemonError):
    """A listing stopped because following the service's ``NextToken`` would never end.

    The service repeated a token (following it would return the same pages again), or sent more
    empty pages in a row than the listing's ``max_empty_pages``. ``token`` is the last token the
    service sent, ``pages`` the number of pages fetched; every page fetched was delivered.
    """

    def __init__(self, operation: str, reason: str, *, token: str | None, pages: int) -> None:
        self.operation = operation
        self.token = token
        self.pages = pages
        plural = "s" if pages != 1 else ""
        super().__init__(f"{operation} listing stopped after {pages} page{plural}: {reason}")


class WaitError(SagemonError):
    """A waiter ended without reaching the state it waited for."""

    def __init__(self, resource: str, status: str | None, reason: str | None, message: str) -> None:
        self.resource = resource
        self.status = status
        self.reason = reason
        super().__init__(message)


class WaitFailedError(WaitError):
    """The resource reached a failed state; ``reason`` is its failure reason."""


class WaitStoppedError(WaitError):
    """The resource was stopped before reaching the awaited state."""


class WaitTimeoutError(WaitError, TimeoutError):
    """The timeout passed; ``status`` is the last status seen."""


def _shown_number(value: object) -> str:
    """An argument in a message: numbers as numbers, anything else by its type only."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return f"{float(value):g}"
        except OverflowError:
            return "a number too large for a float"
    return f"a {type(value).__name__}"


# ----------------------------------------------------------------------------- reports and images


class ReportError(SagemonError, ValueError):
    """A report file cannot be read as asked: not JSON, too large, not a report, or another kind.

    Also raised for an edit that does not fit the report (a feature or metric it does not have).
    """


class UnknownRegionError(SagemonError, ValueError):
    """No image URI is known for a region; ``known`` lists the regions that have one."""

    def __init__(self, image: str, region: str, known: tuple[str, ...], message: str) -> None:
        self.image = image
        self.region = region
        self.known = known
        super().__init__(message)


class ReportFetchError(SagemonError):
    """A report object could not be fetched from S3; ``uri`` names it.

    ``code`` is S3's error code (``NoSuchKey``, ``AccessDenied``…) or ``None`` when the request
    did not complete (no connection, no credentials); the botocore exception is the ``__cause__``.
    """

    def __init__(self, uri: str, message: str, *, code: str | None = None) -> None:
        self.uri = uri
        self.code = code
        super().__init__(f"{uri}: {message}")


class ReportNotFound(ReportFetchError):
    """The S3 object (or its bucket) does not exist."""


class ReportAccessDenied(ReportFetchError):
    """S3 refused to give the object: no ``s3:GetObject`` (or ``kms:Decrypt``) permission, or
    it refused the credentials themselves.

    Without ``s3:ListBucket`` on the bucket, S3 answers a missing object this way too. Refused
    credentials (``code`` ``ExpiredToken``, ``InvalidToken``, ``InvalidAccessKeyId``,
    ``SignatureDoesNotMatch``, ``RequestTimeTooSkewed``) are this error too, as the client's
    :class:`AccessDeniedError` for SageMaker, with a message saying to fix the credentials (or
    the clock), not the permissions.
    """


class ReportsUnavailable(SagemonError):
    """A monitoring execution has no reports to read: it has not finished, launched no processing
    job, or its processing job is the ground-truth merge job, which writes no reports.

    ``status`` is the execution's status when known, ``processing_job_name`` its job's name.
    """

    def __init__(
        self,
        message: str,
        *,
        status: str | None = None,
        processing_job_name: str | None = None,
    ) -> None:
        self.status = status
        self.processing_job_name = processing_job_name
        super().__init__(message)


class NoFinishedExecution(ReportsUnavailable):
    """A monitoring schedule has no finished execution (``Completed``/``CompletedWithViolations``)
    with reports; ``monitoring_schedule_name`` names it, ``seen`` counts the executions looked at,
    and ``status`` is the newest one's status (``None`` when there is no execution at all).
    """

    def __init__(
        self,
        message: str,
        *,
        monitoring_schedule_name: str,
        seen: int,
        status: str | None = None,
    ) -> None:
        self.monitoring_schedule_name = monitoring_schedule_name
        self.seen = seen
        super().__init__(message, status=status)


# ----------------------------------------------------------------------------- monitors as code


class FolderError(SagemonError, ValueError):
    """A folder of request files cannot be planned: every problem of every file, at once.

    ``files`` maps each file with problems (as named on the command line) to its problems;
    a file that could not be read at all has one problem at ``<file>``.
    """

    def __init__(self, files: Mapping[str, Sequence[Problem]]) -> None:
        self.files: dict[str, tuple[Problem, ...]] = {k: tuple(v) for k, v in files.items()}
        count = sum(len(v) for v in self.files.values())
        lines = [f"{count} problem{'s' if count != 1 else ''} in {len(self.files)} file(s)"]
        for name, problems in self.files.items():
            lines += [f"{name}: {problem}" for problem in problems]
        super().__init__("\n".join(lines))


class ApplyError(SagemonError):
    """Applying a plan stopped at a failed step: what was done, what failed, what was not done.

    The service error (or other failure) is the ``__cause__`` (``cause``); ``reason`` is its
    message. Planning and applying again after fixing the cause converges from where it stopped.
    """

    def __init__(
        self, done: Sequence[str], failed: str, not_done: Sequence[str], cause: BaseException
    ) -> None:
        self.done = tuple(done)
        self.failed = failed
        self.not_done = tuple(not_done)
        self.reason = str(cause)
        super().__init__(f"{failed}: {cause}")
        self.__cause__ = cause

    @property
    def cause(self) -> BaseException | None:
        """The failure that stopped the apply (not kept by pickling: see ``reason``)."""
        return self.__cause__
