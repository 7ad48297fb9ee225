"""``python -m gebrookerbos``: the command line."""

from gebrookerbos.cli import main

raise SystemExit(main())
