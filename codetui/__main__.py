"""Allow ``python -m codetui``."""

from codetui.cli import main

raise SystemExit(main())
