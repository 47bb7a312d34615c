"""Exceptions raised by sagemon.

Everything sagemon raises on purpose derives from :class:`SagemonError`, so library code
can catch the whole family with one clause.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Problem", "SagemonError", "ValidationError"]


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
