"""Wire conversion: shapes to and from the dicts boto3 takes and returns.

One private cattrs converter dispatches on the shape class; the per-shape hooks are generated
from the service model (renames come from the model's member names, not from a heuristic).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any, TypeVar

import cattrs

from sagemon._generated.shapes import HOOKS
from sagemon._runtime import Problems, Shape
from sagemon.errors import Problem, ValidationError

__all__ = ["from_wire", "parse_wire", "to_wire", "validate", "validate_wire"]

_S = TypeVar("_S", bound=Shape)

_lenient: ContextVar[bool] = ContextVar("sagemon_lenient", default=False)


def _structure_hook(parse: Any, cls: type[Shape]) -> Any:
    def structure(data: Any, _cls: Any) -> Any:
        problems: Problems = []
        # Parsing recurses along the model's shapes only, so input depth cannot overflow it.
        obj = parse(data, "", problems, not _lenient.get())
        if problems:
            raise ValidationError(problems, cls.__name__)
        return obj

    return structure


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    for cls, (parse, _check, unparse) in HOOKS.items():
        converter.register_structure_hook(cls, _structure_hook(parse, cls))
        converter.register_unstructure_hook(cls, unparse)
    return converter


_converter = _make_converter()


def to_wire(obj: Shape) -> dict[str, Any]:
    """The dict boto3 takes for ``obj``: model member names, ``None`` omitted, enums as ``str``."""
    if not isinstance(obj, Shape):
        raise TypeError(f"to_wire() takes a sagemon shape, not {type(obj).__name__}")
    result: dict[str, Any] = _converter.unstructure(obj)
    return result


def from_wire(cls: type[_S], data: Any, *, lenient: bool = False) -> _S:
    """Build a ``cls`` from a wire dict, raising :class:`~sagemon.ValidationError` on any problem.

    Strict by default: unknown keys and every documented constraint are enforced. With
    ``lenient=True`` (how service responses are read) unknown keys are ignored, values newer
    than this SDK become unlisted enum members, and constraints are not re-checked; missing
    required members and wrong types are still reported.
    """
    target: object = cls
    if not (isinstance(target, type) and target in HOOKS):
        raise TypeError(f"from_wire() takes a sagemon shape class, not {cls!r}")
    token = _lenient.set(lenient)
    try:
        result: _S = _converter.structure(data, cls)
    finally:
        _lenient.reset(token)
    return result


def validate(obj: Shape, *, rules: bool = True) -> None:
    """Check ``obj`` and everything in it against every documented constraint and rule.

    Construction checks each object's own members; this walks the whole tree, which matters for
    objects that came from a lenient ``from_wire`` (a described resource reused as a request),
    and applies the documented cross-field rules (``rules=False`` checks the model alone). One
    :class:`~sagemon.ValidationError` lists member problems and rule problems together.
    """
    if not isinstance(obj, Shape):
        raise TypeError(f"validate() takes a sagemon shape, not {type(obj).__name__}")
    problems: Problems = []
    HOOKS[type(obj)][1](obj, "", problems, True)
    if rules:
        from sagemon._rules import check_rules

        problems += check_rules(obj, problems)
    if problems:
        raise ValidationError(problems, type(obj).__name__)


def parse_wire(cls: type[_S], data: Any, *, strict: bool = True) -> tuple[_S | None, list[Problem]]:
    """``data`` parsed as a ``cls`` as far as it goes, and every problem found (never raises).

    The object is ``None`` only if ``data`` is not an object; otherwise members with a problem
    may hold anything, so use it only where those problems are known (as the rules do).
    """
    problems: Problems = []
    obj: _S | None = HOOKS[cls][0](data, "", problems, strict)
    return obj, problems


def validate_wire(cls: type[_S], data: Any) -> _S:
    """``from_wire(cls, data)`` and ``validate()`` in one: every member problem and every rule
    problem of a request in one :class:`~sagemon.ValidationError` (a bad name does not hide an
    unsupported schedule). Rules that read a member with a problem are skipped."""
    target: object = cls
    if not (isinstance(target, type) and target in HOOKS):
        raise TypeError(f"validate_wire() takes a sagemon shape class, not {cls!r}")
    from sagemon._rules import check_rules

    obj, problems = parse_wire(cls, data)
    if obj is not None:
        problems += check_rules(obj, problems)
    if problems or obj is None:
        raise ValidationError(problems, cls.__name__)
    return obj
