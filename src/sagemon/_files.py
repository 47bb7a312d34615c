"""Requests and responses as JSON or YAML documents, in the wire format.

Input is bounded, because request files come from anywhere: a size limit (``max_bytes``), a depth
limit (:data:`MAX_DEPTH`), and for YAML a budget on the values its aliases expand to (as many as
the size limit allows bytes), so a small file cannot turn into a huge document. Files are read
only if they are regular files, and never more than ``max_bytes + 1`` bytes of them.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import stat
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from sagemon._shape import Shape
from sagemon._wire import from_wire, to_wire
from sagemon.errors import Problem, SagemonError, ValidationError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "RefusedFileError",
    "dump_yaml",
    "from_json",
    "from_yaml",
    "parse_document",
    "read_limited",
    "to_json",
    "to_yaml",
]

_S = TypeVar("_S", bound=Shape)

MAX_BYTES = 1024 * 1024
"""Default size limit of a document, in bytes (1 MiB: far more than any request needs)."""

MAX_DEPTH = 100
"""How deeply a document may nest objects and lists (requests nest about ten levels)."""

_ROOT = "<root>"


class RefusedFileError(SagemonError):
    """A file was not read: it is not a regular file, or it is larger than the size limit."""


def _plain(value: Any) -> Any:
    """Wire values as JSON/YAML types: timestamps become ISO 8601 strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def to_json(obj: Shape, *, indent: int | None = 2) -> str:
    """The wire form of ``obj`` as JSON (timestamps as ISO 8601 strings)."""
    return json.dumps(_plain(to_wire(obj)), indent=indent, ensure_ascii=False)


def from_json(cls: type[_S], text: str | bytes, *, max_bytes: int = MAX_BYTES) -> _S:
    """Parse and validate a JSON document of ``cls`` (strict, like ``from_wire``).

    The document may be at most ``max_bytes`` long; duplicate keys are problems.
    """
    return _build(cls, *parse_document(text, "json", max_bytes=max_bytes))


def to_yaml(obj: Shape) -> str:
    """The wire form of ``obj`` as YAML (needs PyYAML); every string reads back unchanged."""
    return dump_yaml(to_wire(obj))


def dump_yaml(data: Any) -> str:
    """Wire data as YAML (needs PyYAML), keys in their order; every string reads back unchanged."""
    text: str = _yaml_support().dump(
        _plain(data), Dumper=_yaml_classes()[1], sort_keys=False, allow_unicode=True
    )
    return text


def from_yaml(cls: type[_S], text: str | bytes, *, max_bytes: int = MAX_BYTES) -> _S:
    """Parse and validate a YAML document of ``cls`` (needs PyYAML).

    The document may be at most ``max_bytes`` long, and its aliases may not expand it to more
    than that many values; duplicate keys are problems.
    """
    return _build(cls, *parse_document(text, "yaml", max_bytes=max_bytes))


def _build(cls: type[_S], data: Any, problems: list[Problem]) -> _S:
    """``from_wire(cls, data)``, raising with the document's own problems as well."""
    try:
        obj = from_wire(cls, data)
    except ValidationError as exc:
        raise ValidationError([*problems, *exc.problems], exc.subject) from None
    if problems:
        raise ValidationError(problems, cls.__name__)
    return obj


def parse_document(
    text: str | bytes, kind: str, *, max_bytes: int = MAX_BYTES
) -> tuple[Any, list[Problem]]:
    """JSON or YAML (``kind``: ``"json"``, ``"yaml"`` or ``"auto"``) text as data.

    Raises ValidationError if the text cannot be used at all; returns the data and the problems
    that do not stop it being read (duplicate keys), so that they can be reported with the rest.
    ``"auto"`` reads JSON if the text starts like JSON and parses as JSON, else YAML.
    """
    size = _size(text, max_bytes)
    if size > max_bytes:
        raise _refused(f"the document is {size:,} bytes; the limit is {max_bytes:,}")
    if kind == "json":
        return _load_json(text)
    if kind == "yaml":
        return _load_yaml(text, max(max_bytes, 1024))
    if kind != "auto":
        raise ValueError(f"kind must be 'json', 'yaml' or 'auto', not {kind!r}")
    head = text.lstrip()[:1]
    if head not in ("{", "[", b"{", b"["):
        return _load_yaml(text, max(max_bytes, 1024))
    try:
        return _load_json(text)
    except ValidationError as json_error:
        try:
            return _load_yaml(text, max(max_bytes, 1024))
        except (ValidationError, ImportError):
            raise json_error from None


def read_limited(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``; raises RefusedFileError or OSError.

    FIFOs, devices and directories are refused without reading them (opening does not block),
    and a file is read only up to ``max_bytes + 1`` bytes, however large it claims to be.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise RefusedFileError(f"not a regular file ({_kind_of_file(mode)})")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise RefusedFileError(f"larger than the limit of {max_bytes:,} bytes")
    return data


def _kind_of_file(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def _size(text: str | bytes, max_bytes: int) -> int:
    """Length in bytes (UTF-8 for str), without encoding text that is too long anyway."""
    if isinstance(text, bytes) or len(text) > max_bytes:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def _refused(message: str) -> ValidationError:
    return ValidationError([Problem(_ROOT, message)])


_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"


# ----------------------------------------------------------------------------- JSON


def _load_json(text: str | bytes) -> tuple[Any, list[Problem]]:
    duplicates: dict[int, list[str]] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            seen: set[str] = set()
            repeated: dict[str, None] = {}
            for key, _ in items:
                if key in seen:
                    repeated[key] = None
                seen.add(key)
            duplicates[id(obj)] = list(repeated)
        return obj

    def constant(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except RecursionError:
        raise _refused(_TOO_DEEP) from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too many digits
        raise _refused(f"not valid JSON: {_cut(str(exc))}") from None
    if _depth_exceeds(data):
        raise _refused(_TOO_DEEP)
    problems = []
    if duplicates:
        for obj, path in _containers(data):
            for key in duplicates.get(id(obj), ()):
                problems.append(_duplicate(path, key))
    return data, problems


def _depth_exceeds(data: Any) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((item, depth + 1) for item in value if isinstance(item, (dict, list)))
    return False


def _containers(data: Any) -> Iterator[tuple[Any, str]]:
    """Every dict and list in ``data`` with its wire path, parents first."""
    stack = [(data, "")]
    while stack:
        value, path = stack.pop()
        yield value, path
        if isinstance(value, dict):
            items = [(_member(path, k), v) for k, v in value.items()]
        else:
            items = [(f"{path}[{i}]", v) for i, v in enumerate(value)]
        stack.extend((v, p) for p, v in reversed(items) if isinstance(v, (dict, list)))


def _member(prefix: str, key: object) -> str:
    """The wire path of member ``key`` of the object at ``prefix`` (as problems write it)."""
    if type(key) is str and key.isprintable() and key.strip() == key != "" and len(key) <= 60:
        return f"{prefix}.{key}" if prefix else key
    return f"{prefix}[{_cut(repr(key), 60)}]"


def _duplicate(path: str, key: object) -> Problem:
    shown = _cut(repr(key), 60)
    return Problem(_member(path, key), f"duplicate key {shown}; only the last value would be used")


def _cut(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ----------------------------------------------------------------------------- YAML


def _load_yaml(text: str | bytes, budget: int) -> tuple[Any, list[Problem]]:
    yaml = _yaml_support()
    try:
        loader = _yaml_classes()[0](text, budget)  # the pure Python reader checks text here
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except ValidationError:
        raise
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # ValueError: bad ints, dates
        if "exceeded maximum nesting depth" in str(exc):  # PyYAML >= 6.0.3 stops deep flows early
            raise _refused(_TOO_DEEP) from None
        raise _refused(f"not valid YAML: {_cut(str(exc), 300)}") from None
    return data, loader.duplicate_problems()


@functools.cache
def _yaml_classes(libyaml: bool = True) -> tuple[Any, Any]:
    """PyYAML loader and dumper classes, made on first use so PyYAML stays optional.

    The loader parses with libyaml when PyYAML has it (several times faster) and composes in
    Python, where depth and alias expansion are bounded; ``libyaml=False`` parses in Python too.
    """
    _yaml_support()
    import yaml
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
    from yaml.resolver import Resolver

    class BoundedComposer(Composer):
        """Composer that bounds depth and alias expansion, and notes duplicate keys.

        Every node gets its expanded size and height as it is composed (an alias counts the whole
        node it refers to), so a document is refused as soon as it would grow past the budget.
        """

        check_event: Callable[..., bool]  # from the parser it is mixed with
        peek_event: Callable[[], Any]

        def __init__(self, budget: int) -> None:
            super().__init__()
            self.budget = budget
            self.depth = 0
            self.measured: dict[int, tuple[int, int]] = {}  # id(node) -> (size, height)
            self.duplicates: dict[int, list[str]] = {}  # id(mapping node) -> repeated keys
            self.root: Node | None = None

        def compose_node(self, parent: Node | None, index: Any) -> Node:
            if self.check_event(yaml.AliasEvent):
                anchor = self.peek_event().anchor
                target = self.anchors.get(anchor)
                if target is not None and id(target) not in self.measured:
                    raise _refused(f"the YAML alias *{anchor} refers to a node containing it")
            self.depth += 1
            if self.depth > MAX_DEPTH + 1:  # a scalar below MAX_DEPTH collections is fine
                raise _refused(_TOO_DEEP)
            try:
                node = super().compose_node(parent, index)
            finally:
                self.depth -= 1
            if node is None:  # never happens; the stubs allow it
                raise _refused("the document is empty")
            if id(node) not in self.measured:
                self.measure(node)
            if parent is None:
                self.root = node
            return node

        def measure(self, node: Node) -> None:
            children: list[Node] = []
            if isinstance(node, MappingNode):
                children = [child for pair in node.value for child in pair]
                self.note_duplicates(node)
            elif isinstance(node, SequenceNode):
                children = list(node.value)
            size, height = 1, 0 if isinstance(node, ScalarNode) else 1
            for child in children:
                child_size, child_height = self.measured[id(child)]
                size += child_size
                height = max(height, child_height + 1)
            if size > self.budget:
                raise _refused(
                    f"YAML aliases expand the document beyond {self.budget:,} values"
                    " (the budget is one value per byte of the size limit)"
                )
            if height > MAX_DEPTH:
                raise _refused(_TOO_DEEP)
            self.measured[id(node)] = (size, height)

        def note_duplicates(self, node: MappingNode) -> None:
            seen: set[tuple[str, str]] = set()
            for key, _ in node.value:
                if isinstance(key, ScalarNode):
                    if (key.tag, key.value) in seen:
                        self.duplicates.setdefault(id(node), []).append(key.value)
                    seen.add((key.tag, key.value))

        def duplicate_problems(self) -> list[Problem]:
            """A problem for each duplicate key, at its first path in the document."""
            if not self.duplicates or self.root is None:
                return []
            problems = []
            done: set[int] = set()
            stack: list[tuple[Node, str]] = [(self.root, "")]
            while stack:
                node, path = stack.pop()
                if id(node) in done:
                    continue
                done.add(id(node))
                problems += [
                    _duplicate(path, k) for k in dict.fromkeys(self.duplicates.get(id(node), ()))
                ]
                items: list[tuple[str, Node]] = []
                if isinstance(node, MappingNode):
                    items = [
                        (_member(path, k.value), v)
                        for k, v in node.value
                        if isinstance(k, ScalarNode)
                    ]
                elif isinstance(node, SequenceNode):
                    items = [(f"{path}[{i}]", v) for i, v in enumerate(node.value)]
                stack += [(v, p) for p, v in reversed(items)]
            return problems

    loader: type[Any]
    if libyaml and yaml.__with_libyaml__:
        from yaml._yaml import CParser

        class FastLoader(BoundedComposer, SafeConstructor, Resolver, CParser):
            def __init__(self, stream: str | bytes, budget: int) -> None:
                CParser.__init__(self, stream)
                BoundedComposer.__init__(self, budget)
                SafeConstructor.__init__(self)
                Resolver.__init__(self)

        loader = FastLoader
    else:
        from yaml.parser import Parser
        from yaml.reader import Reader
        from yaml.scanner import Scanner

        class PureLoader(Reader, Scanner, Parser, BoundedComposer, SafeConstructor, Resolver):
            def __init__(self, stream: str | bytes, budget: int) -> None:
                Reader.__init__(self, stream)
                Scanner.__init__(self)
                Parser.__init__(self)
                BoundedComposer.__init__(self, budget)
                SafeConstructor.__init__(self)
                Resolver.__init__(self)

        loader = PureLoader

    class Dumper(yaml.SafeDumper):
        """SafeDumper that writes strings YAML would alter as double-quoted, escaped scalars.

        Plain and single-quoted styles fold or drop line breaks other than ``\\n`` (U+0085,
        U+2028, U+2029), byte order marks, tabs and other characters that are not printable.
        """

    def represent_str(dumper: yaml.SafeDumper, data: str) -> ScalarNode:
        style = None if data.isprintable() else '"'
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, represent_str)
    return loader, Dumper


def _yaml_support() -> Any:
    try:
        import yaml
    except ImportError as exc:
        raise ImportError("YAML support needs PyYAML: pip install 'sagemon[yaml]'") from exc
    return yaml
