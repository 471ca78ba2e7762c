"""Joins the two features built side by side: the conduct of sessions and standing-committee meetings."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("sittings", "0002_conduct"), ("sittings", "0002_standing")]
    operations: list[migrations.operations.base.Operation] = []
