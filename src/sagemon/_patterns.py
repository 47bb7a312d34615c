"""Java regular expressions from the service model, matched by Python's ``re`` in linear time.

Model patterns have no anchors (they must match the whole value), Java's ``.`` excludes every
line terminator, and ``\\p{L}``-style classes are Unicode categories Python's ``re`` lacks.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

__all__ = ["LINE_TERMINATORS", "LINEAR_FORMS", "java_pattern", "translate"]

LINE_TERMINATORS = "\n\r\x85\u2028\u2029"
_CATEGORY_CLASS = re.compile(r"\\p\{([A-Za-z]+)\}")

#: Equivalent forms of model patterns on which a backtracking engine is not linear. With
#: ``[^/]+`` followed by ``/?(.*)``, a failing full match retries every split of the host
#: (quadratic); the rewritten form has one way to match. ``tests/test_patterns.py`` proves
#: each pair equivalent and times every model pattern on adversarial input.
LINEAR_FORMS = {
    "(https|s3)://([^/]+)/?(.*)": "(https|s3)://[^/]+(/.*)?",
}


def translate(java: str, unicode_class: Callable[[str], str]) -> str:
    """Translate a Java regex from the service model to Python ``re`` syntax.

    Java's ``.`` excludes every line terminator (Python's only ``\\n``) and ``\\p{X}``
    is a Unicode category, which Python's ``re`` lacks; ``unicode_class`` renders one.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(java):
        ch = java[i]
        if ch == "\\":
            m = _CATEGORY_CLASS.match(java, i)
            if m:
                body = unicode_class(m.group(1))
                out.append(body if in_class else f"[{body}]")
                i = m.end()
                continue
            out.append(java[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if java.startswith("[^", i) or java.startswith("[]", i):
                out.append(java[i : i + 2])
                i += 2
                continue
        elif ch == ".":
            ch = f"[^{LINE_TERMINATORS}]"
        out.append(ch)
        i += 1
    return "".join(out)


_ASCII_CATEGORY = {"L": "a-zA-Z", "Z": " ", "N": "0-9"}
_FLAGS = re.ASCII | re.DOTALL


def _ascii_class(category: str) -> str:
    return _ASCII_CATEGORY[category]


@functools.lru_cache(maxsize=256)
def _exact(java: str, chars: frozenset[str]) -> re.Pattern[str]:
    """``java`` compiled with each ``\\p{X}`` holding its ASCII members and those of ``chars``.

    Exact for any value made of ASCII and ``chars``: only the non-ASCII characters a value
    contains need classifying, never all of Unicode.
    """

    def render(category: str) -> str:
        extra = "".join(
            re.escape(c) for c in sorted(chars) if unicodedata.category(c).startswith(category)
        )
        return _ASCII_CATEGORY[category] + extra

    return re.compile(translate(java, render), _FLAGS)


def java_pattern(java: str) -> Callable[[str], bool]:
    """A full-match predicate for a Java pattern from the service model, linear in the input.

    Compiled on first use. ``\\p{..}`` classes are rendered for ASCII, plus the non-ASCII
    characters of the value being checked when there are any.
    """
    linear = LINEAR_FORMS.get(java, java)
    compiled: list[re.Pattern[str]] = []

    def ascii_match(value: str) -> bool:
        if not compiled:
            compiled.append(re.compile(translate(linear, _ascii_class), _FLAGS))
        return compiled[0].fullmatch(value) is not None

    if _CATEGORY_CLASS.search(java) is None:
        return ascii_match

    def check(value: str) -> bool:
        if value.isascii():
            return ascii_match(value)
        chars = frozenset(c for c in value if not c.isascii())
        return _exact(linear, chars).fullmatch(value) is not None

    return check


def python_pattern(java: str) -> str:
    """The Python rendering of a Java model pattern, ``\\p{..}`` classes as ASCII (for tools)."""
    return translate(LINEAR_FORMS.get(java, java), _ascii_class)
