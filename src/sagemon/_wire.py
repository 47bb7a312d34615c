"""Wire conversion: shapes to and from the dicts boto3 takes and returns, and cattrs converters.

Every shape's spec holds its generated ``parse`` (strict, requests), ``lenient`` (responses),
``check`` and ``unparse`` functions (member names from the service model, not a heuristic). ``to_wire`` and ``from_wire`` call them directly, and
:func:`configure_converter` registers the very same functions as cattrs hooks, so a shape inside
a user's own attrs class converts exactly as it does alone. cattrs is imported only by the
converter functions: importing it (and attrs) costs more than sagemon's whole request path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from sagemon._generated.shapes import SPECS
from sagemon._problems import Problems
from sagemon._rules import check_rules, walk_rules
from sagemon._shape import Shape, ShapeEnum, _ShapeType, proven
from sagemon._spec import ShapeSpec, spec_of
from sagemon.errors import Problem, ValidationError

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "configure_converter",
    "from_wire",
    "make_converter",
    "parse_wire",
    "to_wire",
    "validate",
    "validate_wire",
]

_S = TypeVar("_S", bound=Shape)

#: The spec of each generated shape class, found in one step on the way in.
_BY_CLASS: dict[type[Any], ShapeSpec[Any]] = {spec.cls: spec for spec in SPECS.values()}


def _spec(cls: type[_S], caller: str) -> ShapeSpec[_S]:
    target: object = cls  # what a caller passes may be anything
    if not _is_shape(target):
        raise TypeError(f"{caller}() takes a sagemon shape class, not {cls!r}")
    return spec_of(cls)


def to_wire(obj: Shape) -> dict[str, Any]:
    """The dict boto3 takes for ``obj``: model member names in model order, enums as ``str``.

    Members newer than this SDK, kept by a lenient ``from_wire``, are written back as read.
    """
    # A shape's class is a _ShapeType (a class's class is not): cheaper than isinstance alone.
    if type(type(obj)) is not _ShapeType and not isinstance(obj, Shape):
        raise TypeError(f"to_wire() takes a sagemon shape, not {type(obj).__name__}")
    return obj._spec.unparse(obj)


def _parse(spec: ShapeSpec[_S], data: Any, strict: bool) -> _S:
    problems: Problems = []
    # Parsing recurses along the model's shapes only, so input depth cannot overflow it.
    obj = (spec.parse if strict else spec.lenient)(data, "", problems)
    if problems or obj is None:
        raise ValidationError(problems, spec.name)
    return obj


def from_wire(cls: type[_S], data: Any, *, lenient: bool = False) -> _S:
    """Build a ``cls`` from a wire dict, raising :class:`~sagemon.ValidationError` on any problem.

    Strict by default: unknown keys and every documented constraint are enforced. With
    ``lenient=True`` (how service responses are read) members newer than this SDK are kept in
    ``unknown_members``, values newer than its enums become unlisted members, and constraints
    are not checked; missing required members and wrong types are still reported.
    """
    spec: ShapeSpec[_S] | None = _BY_CLASS.get(cls) if type(cls) is _ShapeType else None
    if spec is None:
        spec = _spec(cls, "from_wire")
    problems: Problems = []
    obj = (spec.lenient if lenient else spec.parse)(data, "", problems)
    if problems or obj is None:
        raise ValidationError(problems, spec.name)
    return obj


def validate(obj: Shape, *, rules: bool = True) -> None:
    """Check ``obj`` and everything in it against every documented constraint and rule.

    Construction checks each object's own members; this also checks whatever came from a
    lenient ``from_wire`` (a described resource reused as a request), and applies the documented
    cross-field rules (``rules=False`` checks the model alone). One
    :class:`~sagemon.ValidationError` lists member problems and rule problems together.
    """
    if type(type(obj)) is not _ShapeType and not isinstance(obj, Shape):
        raise TypeError(f"validate() takes a sagemon shape, not {type(obj).__name__}")
    problems: Problems = []
    if obj._state is not None and obj._spec.check(obj, "", problems, True):
        proven(obj)
    if rules:
        if problems:
            problems += check_rules(obj, problems)
        else:  # nothing known (the usual case): the walk check_rules would take, with no call
            walk_rules(obj, None, problems)
    if problems:
        raise ValidationError(problems, type(obj).__name__)


def parse_wire(cls: type[_S], data: Any, *, strict: bool = True) -> tuple[_S | None, list[Problem]]:
    """``data`` parsed as a ``cls`` as far as it goes, and every problem found (never raises).

    The object is ``None`` only if ``data`` is not an object; otherwise members with a problem
    may hold anything, so use it only where those problems are known (as the rules do).
    """
    problems: Problems = []
    spec = _spec(cls, "parse_wire")
    obj = (spec.parse if strict else spec.lenient)(data, "", problems)
    return obj, problems


def validate_wire(cls: type[_S], data: Any) -> _S:
    """``from_wire(cls, data)`` and ``validate()`` in one: every member problem and every rule
    problem of a request in one :class:`~sagemon.ValidationError` (a bad name does not hide an
    unsupported schedule). Rules that read a member with a problem are skipped."""
    obj, problems = parse_wire(cls, data)
    if obj is not None:
        problems += check_rules(obj, problems)
    if problems or obj is None:
        raise ValidationError(problems, cls.__name__)
    return obj


# ----------------------------------------------------------------------------- cattrs


def make_converter(*, lenient: bool = False) -> cattrs.Converter:
    """A new ``cattrs.Converter`` that converts sagemon shapes and enums to and from the wire.

    Shapes inside your own attrs classes unstructure to their wire dicts and structure from
    them, validated strictly by default (``lenient=True``: as responses are read, keeping values
    newer than this SDK). See :func:`configure_converter` to add this to a converter you have.
    """
    import cattrs

    converter = cattrs.Converter()
    configure_converter(converter, lenient=lenient)
    return converter


def configure_converter(converter: cattrs.BaseConverter, *, lenient: bool = False) -> None:
    """Teach ``converter`` sagemon's shapes and enums: the same hooks ``to_wire`` and
    ``from_wire`` use, strict unless ``lenient``. A structuring problem raises
    :class:`~sagemon.ValidationError` (inside cattrs' own error when cattrs collects them)."""
    strict = not lenient
    converter.register_unstructure_hook_func(_is_shape, _unparse_hook)
    converter.register_structure_hook_func(_is_shape, _parse_hook(strict))
    # By class, not by predicate: cattrs dispatches ``str`` subclasses by class before
    # it tries predicates, and ShapeEnum is a ``str``.
    converter.register_unstructure_hook(ShapeEnum, _enum_value)
    converter.register_structure_hook(ShapeEnum, _enum_hook(strict))


def _is_shape(cls: object) -> bool:
    return isinstance(cls, type) and issubclass(cls, Shape) and "_spec" in cls.__dict__


def _unparse_hook(obj: Shape) -> dict[str, Any]:
    return obj._spec.unparse(obj)


def _parse_hook(strict: bool) -> Callable[[Any, type[Shape]], Shape]:
    def structure(data: Any, cls: type[Shape]) -> Shape:
        return _parse(spec_of(cls), data, strict)

    return structure


def _enum_value(member: ShapeEnum) -> str:
    return str(member._value_)


def _enum_hook(strict: bool) -> Callable[[Any, type[ShapeEnum]], ShapeEnum]:
    def structure(value: Any, enum: type[ShapeEnum]) -> ShapeEnum:
        if isinstance(value, enum):
            return value
        member = enum._value2member_map_.get(value) if type(value) is str else None
        if isinstance(member, enum):
            return member
        if not strict and type(value) is str:
            return enum.unlisted(value)
        from sagemon._problems import bad_enum

        problems: Problems = []
        bad_enum(problems, "<root>", value, enum)
        raise ValidationError(problems, enum.__name__)

    return structure
