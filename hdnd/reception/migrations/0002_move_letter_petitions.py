"""Complaints and denunciations entered as voters' petitions (source "Đơn, thư") move to the letters
register; a letter carrying a voter's petition stays a petition, linked to its letter (``moving``)."""

from django.db import migrations

from hdnd.reception.moving import move_letter_petitions


class Migration(migrations.Migration):
    dependencies = [
        ("reception", "0001_initial"),
        ("petitions", "0004_search_trigram_index"),
    ]

    operations = [migrations.RunPython(move_letter_petitions, migrations.RunPython.noop, elidable=False)]
