"""The agenda item no longer points at its draft: ``Resolution.agenda_item`` points at the item
(``resolutions.0003`` carried the links over first)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("resolutions", "0003_resolution_agenda_item"),
        ("sittings", "0005_results_notice_number"),
    ]

    operations = [
        migrations.RemoveField(model_name="sessionagendaitem", name="resolution"),
    ]
