"""The reliability battery (issue 9): hostile input, concurrency, audit tampering, backup under load.

Run with ``make battery`` (``scripts/battery``): a throwaway PostgreSQL, ``pytest -m battery``, figures in
``docs/reliability.md``. Excluded from the default runs; each test bounds its own time.
"""
