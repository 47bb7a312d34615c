"""The typed spec of the service model: every shape's members and hooks, and every operation.

The generator emits one :class:`ShapeSpec` per structure (``sagemon._generated.shapes.SPECS``)
and one :class:`Operation`, :class:`ListOperation` or :class:`Command` per operation
(``sagemon._generated.operations``). Every hand-written layer — wire conversion, rules,
builders, the client, the command line, the local SageMaker — reads these (and the generated
classes they name), never the service model itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar

if TYPE_CHECKING:
    from sagemon._shape import Shape, ShapeEnum
    from sagemon.errors import Problem

__all__ = ["Command", "ListOperation", "Member", "Operation", "ShapeSpec", "spec_of"]

S = TypeVar("S", bound="Shape")
Req = TypeVar("Req", bound="Shape")
Resp = TypeVar("Resp", bound="Shape")
Item = TypeVar("Item", bound="Shape")

Kind = Literal[
    "string", "integer", "long", "double", "float", "boolean", "timestamp", "enum", "structure",
    "list", "map",
]  # fmt: skip


class Member(NamedTuple):
    """One member of a structure, as the service model defines it."""

    python: str
    """The attribute and keyword name (``botocore.xform_name`` of the wire name)."""
    wire: str
    """The member name on the wire."""
    required: bool
    kind: Kind
    """What the member holds: a scalar kind, ``structure``, ``list`` or ``map``."""
    shape: type[Shape] | None
    """The structure it holds: itself, as list items, or as map values."""
    enum: type[ShapeEnum] | None
    """The enum it holds: itself or as list items."""
    secret: bool
    """Its values are never displayed (environment maps can hold credentials)."""


class ShapeSpec(Generic[S]):
    """A structure shape: its class, its members in model order, and its generated hooks.

    ``parse(data, path, problems)`` reads a request's wire mapping strictly (``None`` if it is
    not a mapping); ``lenient(data, path, problems)`` reads a response's (types checked, values
    and members newer than this SDK kept), and is taken from ``lenient_module``'s ``PARSERS`` on
    first use; ``check(obj, path, problems, deep)`` checks an object's members (deeply: and
    everything in it that is not known to be valid) and says whether it all is; ``unparse(obj)``
    gives its wire dict. Problems are appended to ``problems`` with paths under ``path``.
    """

    __slots__ = (
        "by_python",
        "by_wire",
        "check",
        "children",
        "cls",
        "lenient",
        "members",
        "name",
        "parse",
        "secret",
        "union",
        "unparse",
    )

    def __init__(
        self,
        cls: type[S],
        members: tuple[Member, ...],
        *,
        union: bool,
        parse: Callable[[Any, str, list[Problem]], S | None],
        check: Callable[[S, str, list[Problem], bool], bool],
        unparse: Callable[[S], dict[str, Any]],
        lenient_module: str,
    ) -> None:
        self.cls = cls
        self.name = cls.__name__
        self.members = members
        self.union = union
        self.parse = parse
        self.lenient: Callable[[Any, str, list[Problem]], S | None] = partial(
            _first_lenient, lenient_module, self
        )
        self.check = check
        self.unparse = unparse
        self.by_wire: Mapping[str, Member] = {m.wire: m for m in members}
        self.by_python: Mapping[str, Member] = {m.python: m for m in members}
        self.children = tuple(m for m in members if m.shape is not None)
        """The members that hold structures, for walks over a tree of shapes."""
        self.secret = frozenset(m.python for m in members if m.secret)
        cls._spec = self

    def __repr__(self) -> str:
        return f"<ShapeSpec {self.name}: {', '.join(m.wire for m in self.members)}>"


def _first_lenient(
    module: str, spec: ShapeSpec[S], data: Any, path: str, problems: list[Problem]
) -> S | None:
    """A spec's first lenient parse: puts its parser from ``module``'s ``PARSERS`` in its place
    (the module loads with the first response read: a process that only builds requests never
    loads it), then parses."""
    parsers: Mapping[str, Callable[[Any, str, list[Problem]], S | None]]
    parsers = import_module(module).PARSERS
    spec.lenient = parsers[spec.name]
    return spec.lenient(data, path, problems)


def spec_of(cls: type[S]) -> ShapeSpec[S]:
    """The spec of a shape class."""
    found: ShapeSpec[S] = cls._spec
    return found


class _Call(Generic[Req]):
    """What every operation has: its names, its request shape and the errors it declares."""

    __slots__ = ("errors", "input", "method", "name")

    def __init__(self, name: str, method: str, input: type[Req], errors: tuple[str, ...]) -> None:
        self.name = name
        self.method = method
        self.input = input
        self.errors = errors

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


class Operation(_Call[Req], Generic[Req, Resp]):
    """An operation that answers with a response shape."""

    __slots__ = ("output",)

    def __init__(
        self,
        name: str,
        method: str,
        input: type[Req],
        output: type[Resp],
        errors: tuple[str, ...],
    ) -> None:
        super().__init__(name, method, input, errors)
        self.output = output


class ListOperation(Operation[Req, Resp], Generic[Req, Resp, Item]):
    """An operation that answers with a page of items and a ``NextToken``."""

    __slots__ = ("item", "items", "limit_key", "result_key")

    def __init__(
        self,
        name: str,
        method: str,
        input: type[Req],
        output: type[Resp],
        errors: tuple[str, ...],
        *,
        item: type[Item],
        items: Callable[[Resp], tuple[Item, ...] | None],
        result_key: str,
        limit_key: str,
    ) -> None:
        super().__init__(name, method, input, output, errors)
        self.item = item
        self.items = items
        self.result_key = result_key
        self.limit_key = limit_key


class Command(_Call[Req]):
    """An operation whose response has no members (a delete, start or stop)."""

    __slots__ = ()

    output = None
