"""The upload page for unit changes: all rows or none, with a message per bad row."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.councils.models import UnitChange

HEADING = "Mã đơn vị cũ,Cấp đơn vị cũ,Mã đơn vị mới,Cấp đơn vị mới,Hình thức,Ngày hiệu lực,Căn cứ\n"


def upload(client: Any, body: str, name: str = "thay-doi.csv") -> Any:
    file = SimpleUploadedFile(name, body.encode(), "text/csv")
    return client.post(reverse("councils:unitchange_import"), {"file": file})


def test_a_system_admin_imports_a_file_of_changes(client: Any, world: World) -> None:
    client.force_login(world.user("system_admin"))
    row = (
        f"{world.commune.unit.code},xã,{world.other_commune.unit.code},xã,sáp nhập vào,01/08/2025,NQ 1/2025\n"
    )
    response = upload(client, HEADING + row)
    assert response.status_code == 302
    change = UnitChange.objects.get()
    assert (change.from_unit, change.to_unit) == (world.commune.unit, world.other_commune.unit)
    assert AuditEntry.objects.filter(action__startswith="unit").count() == 1


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(client: Any, world: World) -> None:
    client.force_login(world.user("system_admin"))
    good = f"{world.commune.unit.code},xã,{world.other_commune.unit.code},xã,sáp nhập vào,01/08/2025,\n"
    bad = "99999,xã,88888,xã,sáp nhập vào,01/08/2025,\n"
    response = upload(client, HEADING + good + bad)
    assert response.status_code == 422
    assert "Dòng 3:" in response.content.decode()
    assert not UnitChange.objects.exists()


def test_a_file_that_is_not_a_table_is_refused_with_a_message(client: Any, world: World) -> None:
    client.force_login(world.user("system_admin"))
    response = upload(client, "PK\x03\x04 hỏng", name="thay-doi.xlsx")
    assert response.status_code == 422
    assert "không phải tệp Excel .xlsx hợp lệ" in response.content.decode()
    response = upload(client, "x", name="thay-doi.pdf")
    assert response.status_code == 422
    assert "Chỉ nhận tệp .xlsx hoặc .csv" in response.content.decode()
