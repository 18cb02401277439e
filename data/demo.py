"""Build the demo database: `python data/demo.py [--scale S] [--seed N] [--db PATH]`.

Thin wrapper over nscl.demo; `python -m nscl demo` does the same.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nscl.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["demo", *sys.argv[1:]]))
