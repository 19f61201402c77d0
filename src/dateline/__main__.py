from __future__ import annotations

import sys

from dateline.cli import main

sys.exit(main())
