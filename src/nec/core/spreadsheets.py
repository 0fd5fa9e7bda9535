"""Tables handed to spreadsheet software (CSV, XLSX exports of the apps)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any


def safe_cell(value: Any) -> Any:
    """Keep spreadsheet software from running a cell as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """`rows` as CSV that opens directly in French spreadsheet software: UTF-8 with a BOM,
    semicolon-separated, CRLF line ends; None is an empty cell and no cell runs as a formula."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else safe_cell(value) for value in row])
    return buffer.getvalue()


def xlsx_bytes(rows: Iterable[Iterable[Any]], sheet_title: str) -> bytes:
    """`rows` (the header first) as an XLSX workbook of one sheet; every cell, header included,
    goes through `safe_cell`, so no text ever becomes a formula."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])  # Excel's limit on sheet names
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
