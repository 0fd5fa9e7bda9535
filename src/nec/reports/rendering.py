"""Outputs of a report besides its web page: the PDF (WeasyPrint, A4, table of contents, page
numbers) and the CSV of each chart's data."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from nec.core.spreadsheets import csv_text
from nec.reports.figures.compute import ReportData


def pdf_bytes(context: dict, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("reports/report_pdf.html", context)
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(context: dict, base_url: str) -> HttpResponse:
    response = HttpResponse(pdf_bytes(context, base_url), content_type="application/pdf")
    slug = context["data"].edition.slug
    response["Content-Disposition"] = f'attachment; filename="bilan-{slug}.pdf"'
    return response


def chart_csv(data: ReportData, key: str) -> HttpResponse:
    chart = data.charts().get(key)
    if chart is None:
        raise Http404
    rows = [[_("Libellé"), chart.count_label, _("Pourcentage"), _("Base (n)")]]
    rows += [[row["label"], row["count"], row["pct"], chart.n] for row in chart.rows]
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="bilan-{data.edition.slug}-{chart.key}.csv"'
    )
    return response
