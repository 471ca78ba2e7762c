"""A word index on the petitions' folded text beside the trigram index, on PostgreSQL only.

The trigram index of 0004 answers any fragment, but a common word ("đường", "nhân dân") has only common
trigrams, and reading their lists of several hundred thousand petitions each costs more than the search
budget. A GIN index over the words of ``text_key`` (``to_tsvector('simple', text_key)``: no stemming,
no stop words, the folded text as it is) finds the petitions holding a word as a word, or as the start
of one, by much shorter lists. ``petitions/search_plans.py`` uses it only to learn quickly that a search
has more than ``COUNT_CAP`` matches; every match is still checked against the words as fragments, so
the results do not change. No extension is needed.
"""

from typing import Any

from django.db import migrations

INDEX = "petition_text_words_idx"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON petitions_petition "
            "USING gin (to_tsvector('simple'::regconfig, text_key))"
        )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0007_grouping_pair")]
    operations = [migrations.RunPython(create, drop)]
