"""Document numbers per (council, year, symbol): the conclusion notices' counter becomes the council's
``DocumentCounter`` (its rows keep their counts under ``TB-HĐND``, the series the session notices now
share), and a session keeps the numbers of its convening decision and its notice."""

from typing import Any

from django.db import migrations, models


def conclusion_counts_are_tb_hdnd(apps: Any, schema_editor: Any) -> None:
    """Every counter so far numbered conclusion notices: their series is TB-HĐND."""
    apps.get_model("sittings", "DocumentCounter").objects.filter(symbol="").update(symbol="TB-HĐND")


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial"), ("sittings", "0003_merge_conduct_standing")]

    operations = [
        migrations.RemoveConstraint(model_name="conclusioncounter", name="conclusion_counter_unique"),
        migrations.RenameModel(old_name="ConclusionCounter", new_name="DocumentCounter"),
        migrations.AddField(
            model_name="documentcounter",
            name="symbol",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.RunPython(conclusion_counts_are_tb_hdnd, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="documentcounter",
            constraint=models.UniqueConstraint(
                fields=("council", "year", "symbol"), name="document_counter_unique"
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="decision_year",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="decision_number",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="notice_year",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="notice_number",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="notice_on",
            field=models.DateField(blank=True, help_text="Ngày ban hành thông báo về kỳ họp", null=True),
        ),
        migrations.AddConstraint(
            model_name="session",
            constraint=models.UniqueConstraint(
                condition=models.Q(("decision_number__isnull", False)),
                fields=("council", "decision_year", "decision_number"),
                name="session_decision_number_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="session",
            constraint=models.UniqueConstraint(
                condition=models.Q(("notice_number__isnull", False)),
                fields=("council", "notice_year", "notice_number"),
                name="session_notice_number_unique",
            ),
        ),
    ]
