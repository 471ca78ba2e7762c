"""Run the benchmarks one after another (`make bench`); each prints its figures and baselines.

Each runs in its own process: each sets up Django against its own throwaway database, and its peak
memory figure is its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = (
    "synthesis",
    "grouping_quality",
    "classification",
    "synthesis_run",
    "units",
    "resolutions",
    "petition_search",
    "rollup",
    "cache_writes",
)


def main() -> None:
    """Run every benchmark listed here; exit non-zero if one of them fails."""
    failed = []
    for name in BENCHMARKS:
        print(f"\n=== bench/{name}.py ===", flush=True)
        if subprocess.run([sys.executable, str(HERE / f"{name}.py")], check=False).returncode:
            failed.append(name)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
