"""The distinct words of the petitions' folded text, and an index of each petition's words, on PostgreSQL.

A search word of 3 letters or more matches anywhere in a word ("duong" in "đường", "qsdd" in
"GCNQSDĐ"); the trigram index of 0004 answers that, but a common word has only common trigrams and
their lists are long. Here a word is first turned into the few distinct words that hold it, then the
petitions holding one of those are found by a word index:

- ``petitions_search_word`` (one row a distinct word: the runs of ``[a-z0-9_]`` in ``text_key``,
  ``search_plans.WORD_SPLIT``), with a trigram index of its own where ``pg_trgm`` is there (a few
  thousand to a few tens of thousands of rows: without it a lookup reads them all, still quick);
- kept by two statement triggers on ``petitions_petition``: after an insert (``save()``,
  ``bulk_create``, ``COPY``), the new rows' words; after an update, the words of the rows whose
  ``text_key`` changed. Words are only ever added: a word no petition holds any more (after an edit
  or a delete) is found and leads to no petition, and deleting it could race with a petition
  entered at the same time that holds it;
- ``petition_text_word_list_idx``: a GIN index over ``petition_search_words(id, text_key)``, each
  word of the row prefixed with its *slice* of ids (``id >> 16``: 65,536 petitions a slice), as
  "15:duong" (PostgreSQL's own array operators, no extension). A search reads the lists of the
  newest slice first and stops once it has more than ``COUNT_CAP`` matches: a common word's list
  is read a slice at a time, not whole. It replaces the tsvector index of 0008, whose role (the
  words' statistics) it takes over.

SQLite has none of these and scans, as before.
"""

from typing import Any

from django.db import DatabaseError, migrations, transaction

WORD_SPLIT = "[^a-z0-9_]+"  # search_plans.WORD_SPLIT
SLICE_BITS = 16  # search_plans.SLICE_BITS
TABLE = "petitions_search_word"
WORD_TRGM = "petitions_search_word_trgm_idx"
LIST_INDEX = "petition_text_word_list_idx"
OLD_INDEX = "petition_text_words_idx"

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION petition_search_words(id bigint, key text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_split_to_array(
        ((id >> {SLICE_BITS})::text || ':') || regexp_replace(key, '{WORD_SPLIT}', ' ' || (id >> {SLICE_BITS})::text || ':', 'g'),
        ' '
    )
$$;
CREATE OR REPLACE FUNCTION petitions_search_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (word)
    SELECT DISTINCT w FROM added, unnest(regexp_split_to_array(added.text_key, '{WORD_SPLIT}')) AS w
    WHERE w <> '' ORDER BY w ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION petitions_search_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (word)
    SELECT DISTINCT w FROM added JOIN replaced ON replaced.id = added.id,
        unnest(regexp_split_to_array(added.text_key, '{WORD_SPLIT}')) AS w
    WHERE added.text_key IS DISTINCT FROM replaced.text_key AND w <> '' ORDER BY w ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
"""
TRIGGERS = """
CREATE TRIGGER petitions_search_words_inserted AFTER INSERT ON petitions_petition
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION petitions_search_words_inserted();
CREATE TRIGGER petitions_search_words_updated AFTER UPDATE ON petitions_petition
    REFERENCING OLD TABLE AS replaced NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION petitions_search_words_updated();
"""
BACKFILL = f"""
INSERT INTO {TABLE} (word)
SELECT DISTINCT w FROM petitions_petition, unnest(regexp_split_to_array(text_key, '{WORD_SPLIT}')) AS w
WHERE w <> '' ON CONFLICT DO NOTHING
"""
LIST_INDEX_SQL = (
    f"CREATE INDEX IF NOT EXISTS {LIST_INDEX} ON petitions_petition "
    "USING gin (petition_search_words(id, text_key))"
)

# A word's keys are spread over the slices, each key 1/16 of the word's share at 1,000,000: a deeper
# sample keeps the keys of every word held by about 1 % of the petitions or more (search_plans reads
# each word's share from them).
LIST_STATISTICS = f"ALTER INDEX {LIST_INDEX} ALTER COLUMN 1 SET STATISTICS 1000"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (word text PRIMARY KEY)")
    schema_editor.execute(FUNCTIONS)
    schema_editor.execute("DROP TRIGGER IF EXISTS petitions_search_words_inserted ON petitions_petition")
    schema_editor.execute("DROP TRIGGER IF EXISTS petitions_search_words_updated ON petitions_petition")
    schema_editor.execute(TRIGGERS)
    schema_editor.execute(BACKFILL)
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {WORD_TRGM} ON {TABLE} USING gin (word gin_trgm_ops)")
    except DatabaseError as error:  # no pg_trgm (0004 could not create it): the lookup reads the table
        print(f"\n  {WORD_TRGM} skipped: {error}")
    schema_editor.execute(LIST_INDEX_SQL)
    schema_editor.execute(LIST_STATISTICS)
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON petitions_petition "
        "USING gin (to_tsvector('simple'::regconfig, text_key))"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {LIST_INDEX}")
    schema_editor.execute("DROP TRIGGER IF EXISTS petitions_search_words_inserted ON petitions_petition")
    schema_editor.execute("DROP TRIGGER IF EXISTS petitions_search_words_updated ON petitions_petition")
    schema_editor.execute("DROP FUNCTION IF EXISTS petitions_search_words_inserted()")
    schema_editor.execute("DROP FUNCTION IF EXISTS petitions_search_words_updated()")
    schema_editor.execute("DROP FUNCTION IF EXISTS petition_search_words(bigint, text)")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0008_search_word_index")]
    operations = [migrations.RunPython(create, drop)]
