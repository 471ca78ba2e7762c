"""The register's search index takes each new resolution at once, on PostgreSQL (``hdnd.core.gin``)."""

from django.db import migrations

from hdnd.core.gin import taking_rows_at_once


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0005_resolution_text_file")]
    operations = [taking_rows_at_once("resolution_search_trgm_idx")]
