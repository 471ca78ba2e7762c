"""A trigram index on the folded search key, on PostgreSQL only (SQLite scans, which is fine at its size).

The register searches ``search_key LIKE '%word%'`` for each word; a GIN trigram index answers that
without reading every row. Creating the ``pg_trgm`` extension needs the right to; where the database
user lacks it, the index is skipped with a notice and search still works, only slower.
"""

from typing import Any

from django.db import DatabaseError, migrations, transaction

INDEX = "resolution_search_trgm_idx"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON resolutions_resolution "
                "USING gin (search_key gin_trgm_ops)"
            )
    except DatabaseError as error:  # no right to create the extension: search works without the index
        print(f"\n  {INDEX} skipped: {error}")  # noqa: T201


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
