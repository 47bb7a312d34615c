"""Every structure shape of the 32 operations, named exactly as the service model names it.

Field names are ``botocore.xform_name`` of the member names (``volume_size_in_gb``); required
members have no default, optional ones default to ``None``. Instances are frozen and validated
when constructed; lists are stored as tuples.
"""

from sagemon._generated.shapes import *  # noqa: F403
from sagemon._generated.shapes import __all__ as _generated
from sagemon._shape import Shape

__all__ = ["Shape"]
__all__ += _generated
