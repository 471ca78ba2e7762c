"""The agenda item reads its draft as ``item.resolution``, now that its own field of that name is gone."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resolutions", "0003_resolution_agenda_item"),
        ("sittings", "0006_remove_sessionagendaitem_resolution"),
    ]

    operations = [
        migrations.AlterField(
            model_name="resolution",
            name="agenda_item",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="resolution",
                to="sittings.sessionagendaitem",
            ),
        ),
    ]
