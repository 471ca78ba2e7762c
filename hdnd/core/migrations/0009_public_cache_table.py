"""The public pages' cache table (``hdnd_public_cache``, ``hdnd.core.publiccache``), made by migrate like
``hdnd_cache`` (0007) so a public page never fails on a missing table."""

from django.db import migrations


TABLE = "hdnd_public_cache"


def create(apps, schema_editor):
    from django.core.management.commands.createcachetable import Command as CreateCacheTable

    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0008_task_workers_and_mail_outbox")]
    operations = [migrations.RunPython(create, drop)]
