"""``python -m sagemon``: the same as the ``sagemon`` command."""

from sagemon._cli import main

raise SystemExit(main())
