"""The search indexes take each new petition at once, on PostgreSQL (``hdnd.core.gin``): a search no
longer reads, row by row, the petitions entered since the last VACUUM."""

from django.db import migrations

from hdnd.core.gin import taking_rows_at_once

INDEXES = ("petition_text_trgm_idx", "petition_text_word_list_idx", "petitions_search_word_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0014_forwarding_answered_on")]
    operations = [taking_rows_at_once(*INDEXES)]
