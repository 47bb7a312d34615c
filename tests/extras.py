"""Markers for tests that need an optional extra; they skip, naming it, where it is missing.

``nox -s minimal`` runs the suite without the extras (and without test-only tools such as jedi),
so every test that needs one must say so here or with ``pytest.importorskip``.
"""

from __future__ import annotations

import importlib.util

import pytest

__all__ = ["needs_server", "needs_yaml"]


def _missing(*modules: str) -> bool:
    return any(importlib.util.find_spec(module) is None for module in modules)


needs_yaml = pytest.mark.skipif(
    _missing("yaml"), reason="needs PyYAML: pip install 'sagemon[yaml]'"
)
needs_server = pytest.mark.skipif(
    _missing("flask", "flask_cors"), reason="needs Flask: pip install 'sagemon[server]'"
)
