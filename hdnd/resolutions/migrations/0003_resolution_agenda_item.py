"""The link between a draft and the agenda item that puts it to the vote moves to the resolution.

Until now ``SessionAgendaItem.resolution`` pointed at the draft (sittings imported resolutions); now
``Resolution.agenda_item`` points at the item (resolutions → sittings only). The data is carried over
here, before ``sittings.0006`` drops the old column. A draft that several items pointed to keeps the
first of them (by id), the one it was put on first.
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def item_links_to_resolutions(apps: Any, schema_editor: Any) -> None:
    Item = apps.get_model("sittings", "SessionAgendaItem")
    Resolution = apps.get_model("resolutions", "Resolution")
    placed: set[int] = set()
    for item_id, resolution_id in (
        Item.objects.filter(resolution__isnull=False).order_by("pk").values_list("pk", "resolution_id")
    ):
        if resolution_id not in placed:
            Resolution.objects.filter(pk=resolution_id).update(agenda_item_id=item_id)
            placed.add(resolution_id)


def resolutions_links_to_items(apps: Any, schema_editor: Any) -> None:
    Item = apps.get_model("sittings", "SessionAgendaItem")
    Resolution = apps.get_model("resolutions", "Resolution")
    for resolution_id, item_id in Resolution.objects.filter(agenda_item__isnull=False).values_list(
        "pk", "agenda_item_id"
    ):
        Item.objects.filter(pk=item_id).update(resolution_id=resolution_id)


class Migration(migrations.Migration):
    dependencies = [
        ("resolutions", "0002_search_trigram_index"),
        ("sittings", "0005_results_notice_number"),
    ]

    operations = [
        migrations.AddField(
            model_name="resolution",
            name="agenda_item",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",  # "resolution" once sittings.0006 has dropped the item's own field
                to="sittings.sessionagendaitem",
            ),
        ),
        migrations.RunPython(item_links_to_resolutions, resolutions_links_to_items),
    ]
