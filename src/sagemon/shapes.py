"""Every structure shape of the 34 operations, named exactly as the service model names it.

Field names are ``botocore.xform_name`` of the member names (``volume_size_in_gb``); required
members have no default, optional ones default to ``None``. Instances are frozen and validated
when constructed; lists are stored as tuples.
"""

import datetime  # noqa: F401
from collections.abc import Mapping  # noqa: F401
from typing import Any, ClassVar  # noqa: F401

from sagemon._generated.enums import *  # noqa: F403
from sagemon._generated.shapes import *  # noqa: F403
from sagemon._generated.shapes import __all__ as _generated
from sagemon._shape import Shape
from sagemon._spec import ShapeSpec  # noqa: F401

# The shapes report this module as theirs, so typing.get_type_hints (and cattrs, through it)
# evaluates their annotations here: the names imported above are for that, and are not exported
# (the enums live in sagemon.enums).
__all__ = ["Shape"]
__all__ += _generated
