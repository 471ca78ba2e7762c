"""A trigram index on the petitions' folded text, on PostgreSQL only (SQLite scans, fine at its size).

The search (``petitions/search.py``) filters ``text_key LIKE '%word%'`` for each word of 3 letters or
more, and a whole-word regular expression for shorter ones; a GIN trigram index answers both without
reading every row. Creating the ``pg_trgm`` extension needs the right to; where the database user
lacks it, the index is skipped with a notice and search still works, only slower.

Petitions entered from a pasted list or an import before this migration were inserted with
``bulk_create``, which skipped ``save()`` and left ``text_key`` empty; ``backfill`` folds them now
(``Petition.objects.bulk_create`` sets the key from here on).
"""

from typing import Any

from django.db import DatabaseError, migrations, transaction

from hdnd.core.text import fold

INDEX = "petition_text_trgm_idx"
BATCH = 2000


def backfill(apps: Any, schema_editor: Any) -> None:
    petition = apps.get_model("petitions", "Petition")
    empty = petition.objects.filter(text_key="").exclude(text="").only("pk", "text").order_by("pk")
    batch = []
    for row in empty.iterator(chunk_size=BATCH):
        row.text_key = fold(row.text)
        batch.append(row)
        if len(batch) == BATCH:
            petition.objects.bulk_update(batch, ["text_key"])
            batch.clear()
    petition.objects.bulk_update(batch, ["text_key"])


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON petitions_petition USING gin (text_key gin_trgm_ops)"
            )
    except DatabaseError as error:  # no right to create the extension: search works without the index
        print(f"\n  {INDEX} skipped: {error}")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_issue_publication_referral_followup")]
    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create, drop),
    ]
