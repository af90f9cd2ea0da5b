"""``python -m ecokg`` runs the command-line interface."""

from __future__ import annotations

from ecokg.cli import main

if __name__ == "__main__":
    main()
