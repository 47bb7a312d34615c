"""The base classes of the generated shapes and enums.

Shapes are not made by attrs, yet attrs and cattrs take them for frozen attrs classes:
``attrs.has``, ``attrs.fields``, ``attrs.evolve`` and ``attrs.asdict`` work on them. A shape
class's ``__attrs_attrs__`` is made by ``attrs.make_class`` from its spec the first time
something asks for it, so importing sagemon and sending a request never import attrs. A shape
keeps its members in its ``__dict__``, in model order; everything else about them is in its
spec (:mod:`sagemon._spec`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform

    from sagemon._spec import ShapeSpec
else:

    def dataclass_transform(**_: object) -> Callable[[type], type]:
        """For type checkers only (typing_extensions costs an import at run time)."""
        return lambda cls: cls


__all__ = [
    "MASK",
    "PROBLEMS",
    "Shape",
    "ShapeEnum",
    "masked",
    "members_of",
    "proven",
    "store",
    "unknown_of",
]

_E = TypeVar("_E", bound="ShapeEnum")
_F = TypeVar("_F", bound=Callable[..., Any])

_set = object.__setattr__

#: The private constructor keyword that collects problems instead of raising them.
PROBLEMS = "_sagemon_problems"

#: How values of secret members (environment maps, which can hold credentials) are displayed.
MASK = "***"


def masked(value: object) -> object:
    """A secret map for display: its keys, with every value hidden."""
    if isinstance(value, Mapping):
        return dict.fromkeys(value, MASK)
    return MASK


class _AttrsMetadata:
    """``__attrs_attrs__`` of a shape class, built by attrs itself the first time it is asked.

    Only generated shape classes have it: the ``Shape`` base and the metaclass have none, so
    ``attrs.has`` is true exactly for shapes.
    """

    def __get__(self, cls: type | None, owner: type | None = None) -> Any:
        if cls is None or "_spec" not in cls.__dict__:
            raise AttributeError("__attrs_attrs__")
        found = cls.__dict__.get("_attrs")
        if found is None:
            found = _attrs_metadata(cls)
            type.__setattr__(cls, "_attrs", found)
        return found


@dataclass_transform(kw_only_default=True, frozen_default=True)
class _ShapeType(type):
    """The metaclass of shapes: it holds their attrs metadata, made on first use.

    For type checkers it marks shapes as frozen, keyword-only data classes, as they are.
    """

    __attrs_attrs__ = _AttrsMetadata()


def _attrs_metadata(cls: type) -> Any:
    """The ``attrs.Attribute`` tuple of a shape, made by attrs itself from the spec's members."""
    import inspect

    import attrs

    spec: ShapeSpec[Any] = cls.__dict__["_spec"]
    annotations = inspect.get_annotations(cls)
    fields = {
        m.python: attrs.field(
            default=attrs.NOTHING if m.required else None,
            kw_only=True,
            hash=m.kind != "map",
            type=annotations.get(m.python),
        )
        for m in spec.members
    }
    return attrs.fields(attrs.make_class(cls.__name__, fields, frozen=True, slots=False))


class _InstanceOnly:
    """A method found on instances only: looked up on a class it is ``None``.

    Display hooks are looked up on whatever is being shown; shown a shape *class*, a printer
    (hypothesis's, for one) then falls back to the class's own repr instead of calling an
    unbound method.
    """

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method
        self.__doc__ = method.__doc__

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        return None if obj is None else self.method.__get__(obj, owner)


def _instance_only(method: _F) -> _F:
    return cast(_F, _InstanceOnly(method))


class Shape(metaclass=_ShapeType):
    """Base class of every generated structure shape in :mod:`sagemon.shapes`.

    An instance's ``__dict__`` holds every member in model order (``None`` when not set), plus
    ``_state`` when the object is not known to be valid all the way down: ``False``, or the
    members newer than this SDK that a lenient parse kept. A valid object has no ``_state``, so
    ``validate`` need not walk it again.
    """

    __slots__ = ("__dict__",)
    __module__ = "sagemon.shapes"
    __attrs_attrs__: ClassVar[Any]
    _spec: ClassVar[ShapeSpec[Any]]
    _state: ClassVar[dict[str, Any] | bool | None] = None

    if TYPE_CHECKING:
        # Each generated shape declares its own exact signature; this one, for a shape class
        # known only as ``type[Shape]``, takes the members as keywords.
        def __init__(self, **members: Any) -> None: ...

    @property
    def unknown_members(self) -> Mapping[str, Any]:
        """Members a service response had that this SDK does not know (newer than its model).

        Only a lenient ``from_wire`` (how responses are read) keeps them; ``to_wire`` writes them
        back unchanged, so a described resource round-trips without losing data.
        """
        state = self.__dict__.get("_state")
        return dict(state) if state else {}

    def __setattr__(self, name: str, value: object) -> None:
        from attrs.exceptions import FrozenInstanceError

        raise FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        from attrs.exceptions import FrozenInstanceError

        raise FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        # Members are stored in model order by every path, so the dicts compare directly.
        mine, theirs = self.__dict__, other.__dict__
        if mine == theirs:
            return True
        if "_state" not in mine and "_state" not in theirs:
            return False
        return members_of(mine) == members_of(theirs) and unknown_of(mine) == unknown_of(theirs)

    def __hash__(self) -> int:
        return hash(
            (
                type(self).__name__,
                *(v for k, v in self.__dict__.items() if type(v) is not dict and k != "_state"),
            )
        )

    def __repr__(self) -> str:
        """Constructor-style repr showing only the members that are set."""
        secret = self._spec.secret
        parts = [
            f"{name}={masked(value) if name in secret else value!r}"
            for name, value in self.__dict__.items()
            if value is not None and name != "_state"
        ]
        unknown = unknown_of(self.__dict__)
        if unknown:
            from sagemon._problems import shorten

            parts.append(f"unknown_members={shorten(unknown, 2000)}")
        return f"{type(self).__name__}({', '.join(parts)})"

    @_instance_only
    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython: one member per line, nested shapes indented."""
        from sagemon._display import pretty_lines, shape_tree

        printer.text("\n".join([type(self).__name__, *pretty_lines(shape_tree(self), 1)]))

    @_instance_only
    def _repr_html_(self) -> str:
        """Jupyter: a nested table of the members that are set."""
        from sagemon._display import html_block, shape_tree

        return html_block(type(self).__name__, shape_tree(self))

    def __getstate__(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        return members_of(self.__dict__), unknown_of(self.__dict__)

    def __setstate__(self, state: tuple[dict[str, Any], dict[str, Any] | None]) -> None:
        members, unknown = state
        # Unpickled data is checked again before it is sent.
        _set(self, "__dict__", {**members, "_state": unknown or False})


#: ``store(obj, members)`` makes ``members`` the ``__dict__`` of a new shape object (shapes are
#: frozen): the ``__dict__`` slot's own setter, cheaper than ``object.__setattr__``.
store: Callable[[Shape, dict[str, Any]], None] = Shape.__dict__["__dict__"].__set__


def members_of(stored: dict[str, Any]) -> dict[str, Any]:
    """A shape's members, from its ``__dict__``."""
    return {k: v for k, v in stored.items() if k != "_state"}


def unknown_of(stored: dict[str, Any]) -> dict[str, Any] | None:
    """A shape's members newer than this SDK, from its ``__dict__`` (None if it has none)."""
    state = stored.get("_state")
    return state if state else None


def proven(obj: Shape) -> None:
    """Record that ``obj`` was checked and is valid all the way down."""
    stored = obj.__dict__
    if stored.get("_state") is False:
        del stored["_state"]


_unlisted: dict[tuple[type[ShapeEnum], str], ShapeEnum] = {}


class ShapeEnum(str, Enum):
    """Base class of the enums in :mod:`sagemon.enums`: members are their wire strings.

    Values newer than this SDK are represented by *unlisted* members: a lenient
    ``from_wire`` (service responses) creates them automatically, and a request can use
    one deliberately through :meth:`unlisted`, e.g. ``InstanceType.unlisted("ml.q9.xlarge")``.
    """

    __module__ = "sagemon.enums"

    @classmethod
    def unlisted(cls: type[_E], value: str) -> _E:
        """Return the member for ``value``, creating an unlisted member if the SDK lacks it.

        This is the one explicit escape hatch for values AWS added after this release.
        """
        if type(value) is not str:
            raise TypeError(f"{cls.__name__}.unlisted() takes a str, not {type(value).__name__}")
        member = cls._value2member_map_.get(value)
        if member is not None:
            return cast(_E, member)
        key = (cls, value)
        cached = _unlisted.get(key)
        if cached is None:
            cached = str.__new__(cls, value)
            cached._value_ = value
            cached._name_ = value
            _unlisted[key] = cached
        return cast(_E, cached)

    @property
    def is_listed(self) -> bool:
        """False for a value this SDK does not know (see :meth:`unlisted`)."""
        return type(self)._value2member_map_.get(self._value_) is self

    def __repr__(self) -> str:
        if self.is_listed:
            return f"{type(self).__name__}.{self._name_}"
        return f"{type(self).__name__}.unlisted({self._value_!r})"

    def __str__(self) -> str:
        return str(self._value_)

    def __format__(self, spec: str) -> str:
        return format(self._value_, spec)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (type(self).unlisted, (self._value_,))
