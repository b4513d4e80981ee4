"""CSV downloads that open safely and correctly in a (Dutch) spreadsheet."""

import csv
import io

from flask import Response

# A spreadsheet runs a cell that starts like a formula; such text gets a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_response(filename: str, header: list[str], rows) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # what Dutch spreadsheet settings expect
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return Response(
        "\ufeff" + buffer.getvalue(),  # the BOM makes Excel read UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
