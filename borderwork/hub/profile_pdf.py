"""A commune's profile on paper: the hub's sections (`commune.hub`) as one PDF, drawn by
WeasyPrint with Tinos from static/, as the quarterly report is (`reports/pdf.py`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import HTML

from borderwork.hub.commune import hub
from borderwork.records.uploads import ascii_name
from borderwork.reports.pdf import StaticOnlyFetcher, static_dir
from communes.models import Commune


def province_text(commune: Commune) -> str:
    """The commune's province, with today's beside it when it has merged since."""
    province, today = commune.province, commune.province.today_unit()
    if today == province:
        return province.name
    return _("%(province)s (nay thuộc %(today)s)") % {"province": province.name, "today": today}


@dataclass
class CommuneProfilePdf:
    """The exporter: `render()` gives (filename, content type, bytes), the view returns them."""

    commune: Commune
    user: object
    today: datetime.date | None = None

    def render(self) -> tuple[str, str, bytes]:
        today = self.today or timezone.localdate()
        context = {
            **hub(self.commune, self.user, today),
            "object": self.commune,
            "province_text": province_text(self.commune),
            "language": get_language(),
        }
        root = static_dir()
        html = render_to_string("hub/commune_pdf.html", context)
        document = HTML(
            string=html, base_url=f"{root.as_uri()}/", url_fetcher=StaticOnlyFetcher(root)
        )
        # No pdf_identifier: the same commune on the same day gives the same bytes.
        content = document.write_pdf(pdf_identifier=False)
        filename = ascii_name(f"ho-so-{self.commune.name}-{today:%Y%m%d}.pdf")
        return filename, "application/pdf", content
