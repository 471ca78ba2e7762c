"""The database cache's table (``hdnd_cache``), made by migrate like every other table.

Production keeps its cache in the database so that every process shares the throttling counters and
cached public data (docs/deploy.md). Made here rather than only by ``createcachetable``, a database
migrated by any route has it, so a cache read never fails on a missing table."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "hdnd_cache"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0006_submission")]
    operations = [migrations.RunPython(create, drop)]
