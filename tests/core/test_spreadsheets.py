"""The CSV every export writes (registrations, programme)."""

from nec.core.spreadsheets import csv_text, safe_cell


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
