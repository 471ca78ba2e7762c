"""Uploaded files on S3-compatible object storage (docs/deploy.md): with ``FILE_STORAGE_BACKEND`` set to
django-storages' S3 backend, an attachment uploaded through the API lands in the bucket, not on the local
disk, and downloads back with its bytes. The S3 server is moto's, started by the test on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer

from conftest import World
from hdnd.resolutions.models import Attachment
from hdnd.resolutions.tests import support

pytestmark = pytest.mark.django_db
BUCKET = "hdnd-tep"
CREDENTIALS = {"access_key": "thu-nghiem", "secret_key": "thu-nghiem-bi-mat", "region_name": "us-east-1"}


@pytest.fixture
def s3_endpoint() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, settings: Any, tmp_path: Any) -> Any:
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region_name"],
    )
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path / "media"  # must stay empty
    # What FILE_STORAGE_BACKEND and FILE_STORAGE_OPTIONS (JSON) put into STORAGES in production.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": s3_endpoint, **CREDENTIALS},
        },
    }
    return client


def test_an_uploaded_attachment_is_stored_in_the_bucket_and_read_back(
    client: Client, world: World, bucket: Any, settings: Any
) -> None:
    resolution = support.adopted(world.province)
    client.force_login(world.user("office_staff"))
    content = b"%PDF-1.7 phu luc luu tren kho doi tuong " + bytes(range(256)) * 40
    response = client.post(
        reverse("api:resolution_attach", args=[resolution.pk]),
        {"title": "Phụ lục", "file": SimpleUploadedFile("phu-luc.pdf", content)},
    )
    assert response.status_code == 201, response.content

    stored = Attachment.objects.get(pk=response.json()["id"])
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert keys == [stored.file.name]
    assert bucket.get_object(Bucket=BUCKET, Key=stored.file.name)["Body"].read() == content
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))

    download = client.get(reverse("api:attachment_download", args=[stored.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content  # type: ignore[attr-defined]
