"""Run the benchmarks one after another (`make bench`); each prints its figures and baselines."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import classification, synthesis, synthesis_run, units


def main() -> None:
    """Run every benchmark listed here."""
    synthesis.main()
    print()
    classification.main()
    print()
    synthesis_run.main()
    print()
    units.main()


if __name__ == "__main__":
    main()
