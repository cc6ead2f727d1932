"""The quarterly report's documents: the PDF a commissar signs and the XLSX of its tables."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from weasyprint import URLFetcher

from borderwork.indicators.charts import Series, bar_chart
from borderwork.reports.pdf import (
    RefusedResource,
    StaticOnlyFetcher,
    render_pdf,
    static_dir,
    vietnamese_date,
)
from borderwork.reports.tables import ReportTable
from borderwork.reports.workbook import render_xlsx, sheet_title
from borderwork.templatetags.borderwork_tags import number
from tests.reports.pdftext import pages_text, top_line

TITLE = "Kết quả tham gia xây dựng hệ thống chính trị cơ sở khu vực biên giới, quý II năm 2025"
COMMUNES = 64


def commune_table() -> ReportTable:
    """A table long enough to run over several pages, with a total row."""
    columns = [
        "Xã",
        "Đồn Biên phòng",
        "Cán bộ tham gia cấp ủy",
        "Đảng viên kết nạp",
        "Kinh phí hỗ trợ (đồng)",
        "Tỷ lệ hộ nghèo (%)",
    ]
    rows, raw = [], []
    for index in range(1, COMMUNES + 1):
        officers, members = index % 4 + 1, index % 7
        funds = 12_345_000 if index == 37 else 1_000_000 * (index % 9 + 1)
        poor = Decimal(index % 13) + Decimal("0.5")
        raw.append(
            [f"Xã Lộc Thành {index}", f"Đồn {index % 8 + 1}", officers, members, funds, float(poor)]
        )
        rows.append(
            [
                f"Xã Lộc Thành {index}",
                f"Đồn {index % 8 + 1}",
                number(officers),
                number(members),
                number(funds),
                number(poor, 1),
            ]
        )
    raw_total = [
        "Tổng cộng",
        "",
        sum(r[2] for r in raw),
        sum(r[3] for r in raw),
        sum(r[4] for r in raw),
        None,
    ]
    total = ["Tổng cộng", "", *(number(v) for v in raw_total[2:5]), ""]
    return ReportTable(
        caption="Bảng 2. Kết quả theo xã biên giới",
        columns=columns,
        numeric=[False, False, True, True, True, True],
        rows=rows,
        raw=raw,
        total=total,
        raw_total=raw_total,
    )


def report_context(draft: bool = True) -> dict:
    quarters = ["II/24", "III/24", "IV/24", "I/25", "II/25"]
    values = [Decimal(v) for v in ("80", "82.5", "84", "86.7", "93.3")]
    chart = bar_chart(
        [Series("Xã có cán bộ đồn tham gia cấp ủy", values)],
        quarters,
        title="Xã có cán bộ đồn tham gia cấp ủy (%)",
        target=Decimal(100),
        figure=False,
        font_family="Tinos",
    )
    main = ReportTable(
        caption="Bảng 1. Các chỉ tiêu chính",
        columns=["Chỉ tiêu", "Đơn vị", "Quý II/2025", "Quý I/2025", "Cùng kỳ 2024", "Mục tiêu"],
        numeric=[False, False, True, True, True, True],
        rows=[
            ["Xã có cán bộ đồn tham gia cấp ủy", "%", "93,3", "86,7", "80,0", "100"],
            ["Đảng viên mới kết nạp", "người", "1.234", "1.020", "987", "1.200"],
            ["Kinh phí hỗ trợ xây dựng cơ sở", "đồng", "2.500.000.000", "1.800.000.000", "—", "—"],
        ],
        raw=[
            ["Xã có cán bộ đồn tham gia cấp ủy", "%", 93.3, 86.7, 80.0, 100],
            ["Đảng viên mới kết nạp", "người", 1234, 1020, 987, 1200],
            ["Kinh phí hỗ trợ xây dựng cơ sở", "đồng", 2_500_000_000, 1_800_000_000, None, None],
        ],
    )
    situation = (
        "Tuyến biên giới tỉnh dài 258,939 km, tiếp giáp Vương quốc Campuchia; 15 xã biên "
        "giới với trên 42 nghìn hộ dân, trong đó đồng bào dân tộc thiểu số chiếm 18,6%. "
        "Tình hình chính trị, an ninh trật tự cơ bản ổn định; đời sống nhân dân từng bước "
        "được cải thiện."
    )
    return {
        "draft": draft,
        "issuer_parent": "Bộ Tư lệnh Bộ đội Biên phòng",
        "issuer": "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Bình Phước",
        "number": "25/BC-CT",
        "place": "Bình Phước",
        "date": datetime.date(2025, 7, 5),
        "title": TITLE,
        "sections": [
            {"heading": "I. ĐẶC ĐIỂM TÌNH HÌNH", "paragraphs": [situation, situation], "parts": []},
            {
                "heading": "II. KẾT QUẢ THỰC HIỆN",
                "paragraphs": [],
                "parts": [
                    {
                        "heading": "1. Tham gia xây dựng tổ chức đảng, chính quyền cơ sở",
                        "paragraphs": [
                            "Trong quý, các đồn Biên phòng cử 28 cán bộ tham gia cấp ủy "
                            "xã, đạt 93,3% số xã biên giới, tăng 6,6 điểm so với quý I."
                        ],
                        "tables": [main],
                        "charts": [
                            {
                                "caption": "Biểu đồ 1. Xã có cán bộ đồn tham gia cấp ủy (%): "
                                "II/24 80,0; III/24 82,5; IV/24 84,0; I/25 86,7; "
                                "II/25 93,3; mục tiêu 100.",
                                "svg": chart,
                            }
                        ],
                    },
                    {
                        "heading": "2. Kết quả theo từng xã",
                        "paragraphs": [],
                        "tables": [commune_table()],
                        "charts": [],
                    },
                ],
            },
            {
                "heading": "III. HẠN CHẾ, KHUYẾT ĐIỂM",
                "paragraphs": ["Một số xã chưa bố trí được cán bộ đồn tham gia cấp ủy."],
                "parts": [],
            },
            {
                "heading": "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III NĂM 2025",
                "paragraphs": [
                    "Tiếp tục phối hợp với cấp ủy, chính quyền địa phương củng cố "
                    "hệ thống chính trị cơ sở."
                ],
                "parts": [],
            },
        ],
        "recipients": [
            "Cục Chính trị BĐBP (để b/c);",
            "Thường trực Đảng ủy BĐBP tỉnh;",
            "Lưu: VT, CT. 05b.",
        ],
        "signer_title": "Chính ủy",
        "signer_name": "Trần Quốc Hưng",
    }


DRAFT_MARK = ("DỰ THẢO", "DỰ", "THẢO")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(report_context())


def fonts(pdf: bytes) -> list[DictionaryObject]:
    """Every font the pages use, in their own resources or their XObjects'."""
    found, seen = [], set()

    def walk(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found.extend(d.get_object() for d in font.get("/DescendantFonts", [font]))
        for key in ("/XObject", "/Pattern"):
            for ref in (resources.get(key) or {}).values():
                if isinstance(ref, IndirectObject) and ref.idnum in seen:
                    continue
                if isinstance(ref, IndirectObject):
                    seen.add(ref.idnum)
                walk(ref.get_object().get("/Resources"))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        walk(page.get("/Resources"))
    return found


def test_the_first_page_carries_the_head_and_the_title_with_its_diacritics(pdf):
    first = " ".join(pages_text(pdf)[0].split())
    assert "BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Độc lập - Tự do - Hạnh phúc" in first
    assert "Số: 25/BC-CT" in first
    assert "Bình Phước, ngày 05 tháng 7 năm 2025" in first
    assert "BÁO CÁO" in first
    assert TITLE in first


def test_the_last_page_carries_the_signature_and_the_recipients(pdf):
    last = " ".join(pages_text(pdf)[-1].split())
    assert "CHÍNH ỦY" in last
    assert "Trần Quốc Hưng" in last
    assert "Nơi nhận:" in last
    assert "- Lưu: VT, CT. 05b." in last


def test_the_figures_of_the_tables_are_printed(pdf):
    text = " ".join("".join(pages_text(pdf)).split())
    assert "12.345.000" in text
    assert "2.500.000.000" in text
    assert "Bảng 2. Kết quả theo xã biên giới" in text


def test_every_page_of_a_long_table_repeats_its_header_row(pdf):
    pages = pages_text(pdf)
    holding = [page for page in pages if "Xã Lộc Thành " in page]
    assert len(holding) >= 2
    assert pages.index(holding[1]) >= 1
    for page in holding:
        assert "Đồn Biên phòng" in page and "Kinh phí" in page


def test_pages_after_the_first_are_numbered_at_the_top(pdf):
    count = len(pages_text(pdf))
    assert count > 1
    assert top_line(pdf, 0, ignore=DRAFT_MARK) != "1"
    for index in range(1, count):
        assert top_line(pdf, index, ignore=DRAFT_MARK) == str(index + 1)


def test_a_draft_says_so_on_every_page(pdf):
    assert all("DỰ THẢO" in " ".join(page.split()) for page in pages_text(pdf))
    approved = render_pdf(report_context(draft=False))
    assert not any("DỰ" in page for page in pages_text(approved))


def test_every_font_is_an_embedded_tinos(pdf):
    used = fonts(pdf)
    assert used
    for font in used:
        assert "Tinos" in str(font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)


def test_the_same_context_renders_the_same_bytes(pdf):
    assert render_pdf(report_context()) == pdf


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/logo.png",
        "file:///etc/hostname",
        f"{static_dir().as_uri()}/../pyproject.toml",
        "data:text/css,p{}",
    ],
)
def test_the_fetcher_refuses_what_is_not_a_file_under_static(url):
    with pytest.raises(RefusedResource):
        StaticOnlyFetcher(static_dir()).fetch(url)


def test_a_chart_pointing_outside_static_gets_nothing(monkeypatch):
    fetched = []
    real_fetch = URLFetcher.fetch

    def fetch(self, url, headers=None):
        fetched.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", fetch)
    context = report_context()
    context["sections"][1]["parts"][0]["charts"] = [
        {
            "caption": "Biểu đồ",
            "svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            '<image href="https://example.org/logo.png" width="10" height="10"/></svg>',
        }
    ]
    render_pdf(context)  # the chart is trusted markup: it loses its image, the report renders
    assert len(fetched) > 4  # the stylesheet and the fonts
    assert all(url.startswith(static_dir().as_uri() + "/") for url in fetched)


def test_the_date_has_leading_zeros_where_the_decree_writes_them():
    assert vietnamese_date(datetime.date(2025, 7, 5)) == "ngày 05 tháng 7 năm 2025"
    assert vietnamese_date(datetime.date(2026, 2, 14)) == "ngày 14 tháng 02 năm 2026"
    assert vietnamese_date(datetime.date(2025, 12, 31)) == "ngày 31 tháng 12 năm 2025"


def test_the_workbook_holds_a_sheet_per_table_with_numbers_as_numbers():
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report_context())))
    assert book.sheetnames == ["Bảng 1. Các chỉ tiêu chính", "Bảng 2. Kết quả theo xã biên"]
    main = book["Bảng 1. Các chỉ tiêu chính"]
    assert main["A1"].value == "Bảng 1. Các chỉ tiêu chính"
    assert [c.value for c in main[2]][:3] == ["Chỉ tiêu", "Đơn vị", "Quý II/2025"]
    assert main[2][0].font.b
    assert main["C3"].value == pytest.approx(93.3) and main["C3"].number_format == "#,##0.0"
    assert main["C4"].value == 1234 and main["C4"].number_format == "#,##0"
    assert main["E5"].value is None
    communes = book["Bảng 2. Kết quả theo xã biên"]
    assert communes["A1"].value == "Bảng 2. Kết quả theo xã biên giới"
    assert communes.max_row == 2 + COMMUNES + 1
    assert communes.cell(2 + 37, 5).value == 12_345_000
    total = communes[2 + COMMUNES + 1]
    assert total[0].value == "Tổng cộng" and total[0].font.b
    assert isinstance(total[4].value, int)


def test_sheet_titles_are_short_unique_and_legal():
    taken: set[str] = set()
    long = "Bảng 3. Kết quả tham gia xây dựng hệ thống chính trị: theo đồn/xã"
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert len(first) <= 31 and len(second) <= 31
    assert first != second and second.endswith("(2)")
    assert not set("[]:*?/\\") & set(first + second)
