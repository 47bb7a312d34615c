"""Java regular expressions from the service model, matched by Python's ``re`` in linear time.

Model patterns have no anchors (they must match the whole value), Java's ``.`` excludes every
line terminator, and ``\\p{L}``-style classes are Unicode categories Python's ``re`` lacks.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any

__all__ = [
    "FAST_FORMS",
    "LINEAR_FORMS",
    "LINE_TERMINATORS",
    "ascii_regex",
    "compiled_on_first_use",
    "fast_form",
    "java_pattern",
    "translate",
]

LINE_TERMINATORS = "\n\r\x85\u2028\u2029"
_CATEGORY_CLASS = re.compile(r"\\p\{([A-Za-z]+)\}")
#: Java patterns spell characters beyond U+FFFF as UTF-16 surrogate pairs, ``\uD800\uDC00``.
_SURROGATE_PAIR = re.compile(r"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", re.IGNORECASE)

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
            m = _SURROGATE_PAIR.match(java, i)
            if m:
                high, low = int(m.group(1), 16), int(m.group(2), 16)
                out.append(f"\\U{0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00):08X}")
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

    ``\\p{..}`` classes are rendered for ASCII, plus the non-ASCII characters of the value
    being checked when there are any.
    """
    linear = LINEAR_FORMS.get(java, java)
    fast = re.compile(translate(linear, _ascii_class), _FLAGS).fullmatch
    if _CATEGORY_CLASS.search(java) is None:
        return lambda value: fast(value) is not None
    return lambda value: (
        fast(value) is not None or (not value.isascii() and _exact_match(java, value))
    )


def _exact_match(java: str, value: str) -> bool:
    """Whether ``value`` matches ``java`` with its ``\\p{..}`` classes taken in full."""
    chars = frozenset(c for c in value if not c.isascii())
    return _exact(LINEAR_FORMS.get(java, java), chars).fullmatch(value) is not None


def ascii_regex(java: str) -> str:
    """The Python ``re`` form of ``java`` in linear form, ``\\p{..}`` classes as ASCII.

    For a pattern without ``\\p{..}`` classes this is exact for any value; with them, a value
    it rejects may still match if it has non-ASCII characters (see :func:`_exact_match`).
    """
    return translate(LINEAR_FORMS.get(java, java), _ascii_class)


_ONE_LINE = '"\\n" not in {v} and "\\r" not in {v}'
_NAME = '{v}.replace("-", "").isalnum() and {v}[0] != "-" and {v}[-1] != "-"'

#: Python expressions over ``{v}``, an ASCII ``str``, that imply the value matches a model
#: pattern, at a fraction of a regex call's cost (a pattern whose form would cost more, such as
#: a class of several punctuation marks, is left to its regex). Sufficient, not necessary: a
#: value one rejects is checked exactly. ``tests/test_patterns.py`` proves each sufficient.
FAST_FORMS = {
    ".*": _ONE_LINE,
    "[\\S\\s]*": "True",
    "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}": _NAME,
    "[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?": _NAME,
    "[a-zA-Z0-9\\-]+": '{v}.replace("-", "").isalnum()',
    "[-0-9a-zA-Z]+": '{v}.replace("-", "").isalnum()',
    "[a-zA-Z_][a-zA-Z0-9_]*": "{v}.isidentifier()",
    "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)": '{v}.replace("-", "").replace("_", "").isalnum()',
    ".?P.*": f'({{v}}[:1] == "P" or {{v}}[1:2] == "P") and {_ONE_LINE}',
    "(https|s3)://([^/]+)/?(.*)": (
        f'{_ONE_LINE} and ({{v}}.startswith("s3://") and len({{v}}) > 5 and {{v}}[5] != "/"'
        f' or {{v}}.startswith("https://") and len({{v}}) > 8 and {{v}}[8] != "/")'
    ),
}


def fast_form(java: str, var: str) -> str | None:
    """The fast form of ``java`` over the variable ``var`` (known to be ASCII), if it has one."""
    form = FAST_FORMS.get(java)
    return None if form is None else form.replace("{v}", var)


def compiled_on_first_use(
    namespace: dict[str, Any], name: str, regex: str
) -> Callable[[str], re.Match[str] | None]:
    """A stand-in for ``re.compile(regex).fullmatch`` that compiles on its first call and then
    puts the compiled ``fullmatch`` in its place in ``namespace``, so importing costs nothing
    and every later call goes straight to the regex engine."""

    def first(value: str) -> re.Match[str] | None:
        fullmatch = re.compile(regex, _FLAGS).fullmatch
        namespace[name] = fullmatch
        return fullmatch(value)

    return first
