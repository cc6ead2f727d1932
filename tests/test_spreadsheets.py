"""Every list to XLSX and CSV, and back in: previews, round trips, scope, bad files."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from borderwork.periods import Quarter
from borderwork.records.imports import run_import
from borderwork.records.registry import REGISTRY
from communes.models import Commune
from programmes.models import SupportRecord
from tests.demo import approve_binh_phuoc, demo_fixture, record_types

pytestmark = pytest.mark.django_db

demo = demo_fixture()

SUPPORT = REGISTRY[SupportRecord]
ENTERED = [kind for kind in record_types() if kind.form is not None]


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).worksheets[0]


def csv_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def export(client, kind, fmt: str, query: str = "") -> bytes:
    response = client.get(reverse(kind.url_name(f"export-{fmt}")) + query)
    assert response.status_code == 200
    return response.getvalue()  # a CSV is streamed


def history_count(kind) -> int:
    return kind.model.history.count()


def test_a_commissar_exports_the_filtered_list_he_is_looking_at(client, demo):
    client.force_login(demo["commissar-bp"])
    query = "?period=2025-2&sort=-value_vnd"
    page = client.get(reverse(SUPPORT.url_name("list")) + query)
    total = page.context["table"].paginator.count
    assert total > 25  # more than one page: the export has them all

    sheet = sheet_of(export(client, SUPPORT, "xlsx", query))
    rows = list(sheet.iter_rows(values_only=True))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert header[0] == "Mã số" and "Ngày trao" in header and "Giá trị (đồng)" in header
    assert len(body) == total
    assert sheet.freeze_panes == "A2"

    expected = list(
        SupportRecord.objects.visible_to(demo["commissar-bp"])
        .filter(given_on__range=(datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)))
        .order_by("-value_vnd", "-given_on", "pk")
        .values_list("value_vnd", flat=True)
    )
    value = header.index("Giá trị (đồng)")
    assert [row[value] for row in body] == expected  # the list's sort, numbers as numbers
    assert totals[0] == "Tổng cộng" and totals[value] == sum(expected)

    given = header.index("Ngày trao")
    first_date = sheet.cell(2, given + 1)
    assert first_date.is_date and first_date.number_format == "DD/MM/YYYY"
    communes = {row[header.index("Xã")] for row in body}
    bp = {str(c) for c in Commune.objects.visible_to(demo["commissar-bp"])}
    assert communes <= bp


def test_the_csv_is_for_machines_utf8_iso_dates_and_the_same_rows(client, demo):
    client.force_login(demo["staff-bp"])
    rows = csv_of(export(client, SUPPORT, "csv", "?period=2025-2"))
    header, body = rows[0], rows[1:]
    count = SupportRecord.objects.visible_to(demo["staff-bp"]).filter(
        given_on__range=(datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    )
    assert len(body) == count.count()
    given = header.index("Ngày trao")
    assert all(datetime.date.fromisoformat(row[given]) for row in body)
    assert any("ơ" in cell or "ư" in cell for row in body for cell in row)  # UTF-8, Vietnamese


def test_every_list_exports_for_a_national_reviewer(client, demo):
    client.force_login(demo["national"])
    for kind in record_types():
        rows = list(sheet_of(export(client, kind, "xlsx")).iter_rows(values_only=True))
        assert rows[0][0] == "Mã số", kind.segment
        assert len(rows) - 2 == kind.queryset(demo["national"]).count(), kind.segment


@pytest.mark.parametrize("kind", ENTERED, ids=lambda kind: kind.segment)
def test_a_lists_own_export_imports_back_with_no_change(client, demo, kind):
    user = demo["station-bp"]
    client.force_login(user)
    content = export(client, kind, "xlsx")
    before = history_count(kind)
    outcome = run_import(kind, user, "export.xlsx", content, dry_run=False)
    assert outcome.ok, [(row.number, row.errors) for row in outcome.errors][:3]
    assert outcome.counts["new"] == outcome.counts["changed"] == 0
    assert outcome.counts["unchanged"] == kind.queryset(user).count()
    assert history_count(kind) == before  # nothing written at all


def test_the_csv_export_imports_back_with_no_change_too(client, demo):
    user = demo["station-bp"]
    client.force_login(user)
    outcome = run_import(SUPPORT, user, "x.csv", export(client, SUPPORT, "csv"), dry_run=True)
    assert outcome.ok and outcome.counts["changed"] == outcome.counts["new"] == 0


def support_rows(user, *rows: dict) -> bytes:
    """A support CSV from the user's own template headers."""
    from borderwork.records.exchange import resource_for

    headers = resource_for(SUPPORT, user).headers()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def a_support_row(user, record=None, **changes) -> dict:
    record = record or SupportRecord.objects.visible_to(user).select_related("commune").first()
    row = {
        "Chương trình": str(record.programme),
        "Ngày trao": "15/10/2026",
        "Đồn Biên phòng": str(record.station),
        "Xã": str(record.commune),
        "Đối tượng": "Hộ gia đình",
        "Người nhận, chủ hộ": "Điểu Thị Mới",
        "Hoàn cảnh": "Hộ nghèo",
        "Số lượng": "1",
        "Giá trị (đồng)": "15000000",
    }
    row.update(changes)
    return row


def test_a_station_fills_the_template_previews_fixes_the_flagged_row_and_imports(client, demo):
    user = demo["station-bp"]
    client.force_login(user)
    url = reverse(SUPPORT.url_name("import"))
    good = a_support_row(user)
    bad = a_support_row(user, **{"Người nhận, chủ hộ": "Y Thị Hai", "Ngày trao": "31/02/2025"})
    before = SupportRecord.objects.count()

    upload = SimpleUploadedFile("ho-tro.csv", support_rows(user, good, bad))
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200
    errors = preview.context["outcome"].errors
    assert [row.number for row in errors] == [3]  # the header is row 1
    assert "Ngày trao" in errors[0].errors[0] and "dd/mm/yyyy" in errors[0].errors[0]
    assert b'data-testid="confirm"' not in preview.content
    assert SupportRecord.objects.count() == before

    bad["Ngày trao"] = "16/10/2026"
    upload = SimpleUploadedFile("ho-tro.csv", support_rows(user, good, bad))
    preview = client.post(url, {"file": upload})
    assert preview.context["outcome"].counts == {"new": 2, "changed": 0, "unchanged": 0, "error": 0}
    assert SupportRecord.objects.count() == before  # a preview writes nothing

    done = client.post(url, {"token": preview.context["token"]})
    assert done.status_code == 302
    made = SupportRecord.objects.filter(recipient_name__in=["Điểu Thị Mới", "Y Thị Hai"])
    assert made.count() == 2
    history = made.get(recipient_name="Y Thị Hai").history.get()
    assert history.history_user == user and history.history_type == "+"


def test_a_row_outside_the_users_units_is_refused_and_nothing_written(demo):
    user = demo["station-bp"]
    foreign = Commune.objects.visible_to(demo["station-qb"]).first()
    rows = support_rows(user, a_support_row(user), a_support_row(user, **{"Xã": str(foreign)}))
    before = SupportRecord.objects.count()
    outcome = run_import(SUPPORT, user, "x.csv", rows, dry_run=False)
    assert [row.number for row in outcome.errors] == [3]
    assert "Xã" in outcome.errors[0].errors[0]
    assert SupportRecord.objects.count() == before


def test_a_row_naming_another_provinces_record_by_id_is_refused(demo):
    user = demo["station-bp"]
    foreign = SupportRecord.objects.visible_to(demo["station-qb"]).first()
    row = a_support_row(user, **{"Mã số": str(foreign.pk)})
    outcome = run_import(SUPPORT, user, "x.csv", support_rows(user, row), dry_run=False)
    assert outcome.errors and "mã số" in outcome.errors[0].errors[0].lower()
    foreign.refresh_from_db()
    assert foreign.recipient_name != "Điểu Thị Mới"


def test_a_changed_row_says_which_fields_changed(client, demo):
    user = demo["station-bp"]
    client.force_login(user)
    content = export(client, SUPPORT, "csv")
    rows = csv_of(content)
    header = rows[0]
    rows[1][header.index("Số lượng")] = str(int(rows[1][header.index("Số lượng")]) + 1)
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    outcome = run_import(SUPPORT, user, "x.csv", out.getvalue().encode(), dry_run=True)
    changed = [row for row in outcome.rows if row.status == "changed"]
    assert len(changed) == 1 and changed[0].number == 2 and changed[0].changed == ["Số lượng"]


def test_formula_looking_text_is_inert_in_both_exports_and_unchanged_after_the_round_trip(
    client, demo
):
    user = demo["station-bp"]
    record = SupportRecord.objects.visible_to(user).first()
    formula = '=HYPERLINK("http://x.example","bấm")'
    SupportRecord.objects.filter(pk=record.pk).update(recipient_name=formula)
    client.force_login(user)
    query = f"?q={formula[:10]}"

    sheet = sheet_of(export(client, SUPPORT, "xlsx", query))
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(2, header.index("Người nhận, chủ hộ") + 1)
    assert cell.value == formula and cell.data_type == "s"
    rows = csv_of(export(client, SUPPORT, "csv", query))
    assert rows[1][rows[0].index("Người nhận, chủ hộ")] == "'" + formula

    for name, content in (
        ("x.xlsx", export(client, SUPPORT, "xlsx", query)),
        ("x.csv", export(client, SUPPORT, "csv", query)),
    ):
        outcome = run_import(SUPPORT, user, name, content, dry_run=False)
        assert outcome.ok and outcome.counts["unchanged"] == 1, name
    record.refresh_from_db()
    assert record.recipient_name == formula


def test_the_templates_drop_downs_list_only_the_users_units(client, demo):
    user = demo["station-bp"]
    client.force_login(user)
    response = client.get(reverse(SUPPORT.url_name("import-template")))
    workbook = load_workbook(io.BytesIO(response.content))
    data, lists, guide = workbook.worksheets
    header = [cell.value for cell in data[1]]
    list_headers = [cell.value for cell in lists[1]]
    column = list_headers.index("Xã") + 1
    communes = {
        lists.cell(row, column).value
        for row in range(2, lists.max_row + 1)
        if lists.cell(row, column).value
    }
    assert communes == {str(c) for c in Commune.objects.visible_to(user)}
    validations = data.data_validations.dataValidation
    commune_letter = chr(ord("A") + header.index("Xã"))
    assert any(f"{commune_letter}2" in str(v.sqref) for v in validations)
    assert "Hướng dẫn" in workbook.sheetnames and guide.max_row > len(header)


def xlsx_with(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        ("virus.xlsx", b"MZ\x90\x00\x03" + b"\0" * 600, "không phải"),
        ("big.csv", b"a" * (60 * 1024 * 1024), "10 MB"),
        ("wrong.xlsx", xlsx_with([["Tên", "Ngày"], ["A", "B"]]), "thiếu cột"),
        ("empty.csv", b"", "trống"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_nothing_is_written(demo, name, content, said):
    before = SupportRecord.objects.count()
    outcome = run_import(SUPPORT, demo["station-bp"], name, content, dry_run=False)
    assert said in outcome.problem
    assert SupportRecord.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"Số lượng": "năm"}, "Số lượng"),
        ({"Ngày trao": "31/02/2025"}, "Ngày trao"),
        ({"Xã": "Xã Không Có"}, "Xã"),
    ],
)
def test_a_bad_cell_is_refused_with_its_row_and_column(demo, changes, column):
    user = demo["station-bp"]
    rows = support_rows(user, a_support_row(user), a_support_row(user, **changes))
    outcome = run_import(SUPPORT, user, "x.csv", rows, dry_run=False)
    assert [row.number for row in outcome.errors] == [3]
    assert outcome.errors[0].errors[0].startswith(column)
    assert not SupportRecord.objects.filter(recipient_name="Điểu Thị Mới").exists()


def test_a_duplicate_row_is_refused(demo):
    user = demo["station-bp"]
    row = a_support_row(user)
    outcome = run_import(SUPPORT, user, "x.csv", support_rows(user, row, row), dry_run=True)
    assert [r.number for r in outcome.errors] == [3]
    assert "trùng với dòng 2" in outcome.errors[0].errors[0]


def test_the_command_imports_with_the_same_rules_and_exit_status(demo, tmp_path):
    user = demo["station-bp"]
    path = tmp_path / "ho-tro.csv"
    path.write_bytes(support_rows(user, a_support_row(user, **{"Số lượng": "x"})))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_records", "ho-tro", str(path), "--user", user.username, stderr=err)
    assert "Dòng 2: Số lượng" in err.getvalue()

    path.write_bytes(support_rows(user, a_support_row(user)))
    out = io.StringIO()
    call_command(
        "import_records", "ho-tro", str(path), "--user", user.username, "--dry-run", stdout=out
    )
    assert "1 mới" in out.getvalue()
    assert not SupportRecord.objects.filter(recipient_name="Điểu Thị Mới").exists()
    call_command("import_records", "ho-tro", str(path), "--user", user.username, stdout=out)
    assert SupportRecord.objects.filter(recipient_name="Điểu Thị Mới").count() == 1


def test_a_commissar_may_export_but_not_import(client, demo):
    client.force_login(demo["commissar-bp"])
    assert client.get(reverse(SUPPORT.url_name("import"))).status_code == 403
    assert client.get(reverse(SUPPORT.url_name("export-csv"))).status_code == 200


def test_a_list_longer_than_the_limit_is_written_in_the_background_with_progress(
    client, demo, monkeypatch, django_capture_on_commit_callbacks
):
    from borderwork.models import ListExportRun
    from borderwork.records import spreadsheet_views

    monkeypatch.setattr(spreadsheet_views, "BACKGROUND_ROWS", 10)
    user = demo["staff-bp"]
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse(SUPPORT.url_name("export-xlsx")) + "?period=2025")
    run = ListExportRun.objects.get(requested_by=user)
    assert response.status_code == 302
    assert response["Location"] == reverse(SUPPORT.url_name("export-run"), args=[run.pk])

    page = client.get(response["Location"])
    assert b'data-status="done"' in page.content
    expected = SupportRecord.objects.visible_to(user).filter(given_on__year=2025).count()
    assert run.rows_total == expected > 10
    rows = list(sheet_of(client.get(response["Location"] + "?tai=1").content).iter_rows())
    assert len(rows) == expected + 2  # the header and the totals

    client.force_login(demo["staff-qb"])  # someone else's export is not found
    assert client.get(response["Location"]).status_code == 404


def test_an_approved_quarter_refuses_new_rows_but_its_unchanged_rows_import_back(client, demo):
    q2 = Quarter(2025, 2)
    approve_binh_phuoc(demo, q2)

    user = demo["staff-bp"]
    client.force_login(user)
    content = export(client, SUPPORT, "xlsx", "?period=2025-2")
    outcome = run_import(SUPPORT, user, "x.xlsx", content, dry_run=False)
    assert outcome.ok and outcome.counts["unchanged"] > 0

    in_q2 = SupportRecord.objects.visible_to(user).filter(
        given_on__range=(q2.first_day, q2.last_day)
    )
    source = in_q2.first()
    row = a_support_row(user, source, **{"Ngày trao": source.given_on.strftime("%d/%m/%Y")})
    before = SupportRecord.objects.count()
    outcome = run_import(SUPPORT, user, "x.csv", support_rows(user, row), dry_run=False)
    assert [r.number for r in outcome.errors] == [2]
    assert "phê duyệt" in " ".join(outcome.errors[0].errors)
    assert SupportRecord.objects.count() == before


@pytest.mark.parametrize("kind", record_types(), ids=lambda kind: kind.segment)
def test_an_export_costs_a_handful_of_queries_whatever_the_rows(
    client, demo, kind, django_assert_max_num_queries
):
    client.force_login(demo["national"])
    with django_assert_max_num_queries(16):
        rows = csv_of(export(client, kind, "csv"))
    assert len(rows) - 1 == kind.queryset(demo["national"]).count()


def test_the_import_page_refuses_a_file_over_10_mb_without_keeping_it(client, demo):
    client.force_login(demo["station-bp"])
    big = SimpleUploadedFile("ho-tro.csv", b"a," * (6 * 1024 * 1024))
    page = client.post(reverse(SUPPORT.url_name("import")), {"file": big})
    assert page.status_code == 400
    assert "lớn hơn 10 MB" in page.content.decode()
    assert b'data-testid="confirm"' not in page.content
