"""Exceptions raised by sagemon.

Everything sagemon raises on purpose derives from :class:`SagemonError`, so library code
can catch the whole family with one clause.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

__all__ = [
    "AccessDeniedError",
    "AccessDeniedException",
    "ClientSideError",
    "ConflictError",
    "ConflictException",
    "ConnectionFailedError",
    "CredentialsError",
    "InternalFailure",
    "InvalidRequestError",
    "LimitExceededError",
    "MalformedResponseError",
    "NotFoundError",
    "Problem",
    "ReportError",
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
    """Base class of every error sagemon raises on purpose."""


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

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...], str]]:
        return (type(self), (self.problems, self.subject))


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
        super().__init__(f"{operation} failed with {code} (HTTP {http_status}): {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type[ServiceError], state: dict[str, Any]) -> ServiceError:
    return cls(**state)


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
    "InternalFailure": InternalFailure,
    "InternalServerError": InternalFailure,
    "InternalError": InternalFailure,
    "ServiceUnavailable": ServiceUnavailable,
    "ServiceUnavailableException": ServiceUnavailable,
}


def error_class_for_code(code: str) -> type[ServiceError]:
    """The exception class for an AWS error code; unknown codes get :class:`ServiceError`."""
    return _ERROR_CODES.get(code, ServiceError)


# ----------------------------------------------------------------------------- other failures


class TransportError(SagemonError):
    """The request did not complete: connection, timeout or credentials (botocore failed)."""

    def __init__(self, operation: str, message: str) -> None:
        self.operation = operation
        super().__init__(f"{operation}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.operation, str(self).split(": ", 1)[1]))


class ConnectionFailedError(TransportError):
    """The endpoint could not be reached."""


class RequestTimeoutError(TransportError):
    """Connecting or reading timed out."""


class CredentialsError(TransportError):
    """No usable AWS credentials (or region) were found."""


class MalformedResponseError(SagemonError):
    """A response lacked required members or had values of the wrong type."""

    def __init__(self, operation: str, problems: tuple[Problem, ...]) -> None:
        self.operation = operation
        self.problems = problems
        super().__init__(
            f"{operation} returned a malformed response: " + "; ".join(map(str, problems))
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.operation, self.problems))


class WaitError(SagemonError):
    """A waiter ended without reaching the state it waited for."""

    def __init__(self, resource: str, status: str | None, reason: str | None, message: str) -> None:
        self.resource = resource
        self.status = status
        self.reason = reason
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.resource, self.status, self.reason, str(self)))


class WaitFailedError(WaitError):
    """The resource reached a failed state; ``reason`` is its failure reason."""


class WaitStoppedError(WaitError):
    """The resource was stopped before reaching the awaited state."""


class WaitTimeoutError(WaitError, TimeoutError):
    """The timeout passed; ``status`` is the last status seen."""


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

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.image, self.region, self.known, str(self)))
