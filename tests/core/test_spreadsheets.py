"""The CSV every export writes (registrations, programme)."""

from nec.core.spreadsheets import csv_text, safe_cell, xlsx_bytes


def test_csv_opens_in_french_spreadsheets_and_runs_no_formula():
    text = csv_text([["titre", "jauge"], ['=HYPERLINK("x")', None], ["Atelier; communs", 30]])
    assert text.startswith("\ufeff")
    assert text.split("\r\n") == [
        "\ufefftitre;jauge",
        '"\'=HYPERLINK(""x"")";',
        '"Atelier; communs";30',
        "",
    ]
    assert safe_cell("-1") == "'-1" and safe_cell(-1) == -1 and safe_cell("Atelier") == "Atelier"


def test_xlsx_header_and_rows_never_become_formulas():
    """A question labelled `=HYPERLINK(...)` used to become a formula in the header cell."""
    import io

    from openpyxl import load_workbook

    data = xlsx_bytes(
        [['=HYPERLINK("https://evil.example","Cliquez")', "jauge"], ["@SUM(A1)", 30]],
        "Inscriptions",
    )
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "n"]
    assert cells[0].value == '\'=HYPERLINK("https://evil.example","Cliquez")'
    assert cells[2].value == "'@SUM(A1)" and cells[3].value == 30
    assert sheet.title == "Inscriptions"
