"""The home of reports: what every report needs, so that a new one is only its query, view, template,
test and permission.

- `period`: the from/to form (German dates, at most a year, a default span) with presets for
  this month, quarter and year; `read_period(request.args)` in the view.
- `downloads`: a `Table` (header and rows of plain values) as CSV for German Excel
  (`csv_response`: semicolons, UTF-8 with BOM, formula-like text neutralised) or as XLSX
  (`xlsx_response`: one sheet per table, strings stay strings, never formulas, and are neutralised
  too). `csv_text` is the one CSV writer of kimweb (the HSDS export uses it with its own format).
- `charts`: bars for a server-rendered SVG (`bar_chart`); the template macro
  `reports/_macros.html` draws it as an image with a title, and the page's table beside it stays
  the text alternative.
- `figures`: median and nearest-rank percentile.

A report's view reads the period, asks its feature's query for figures and renders its template
(or a `Table` for downloads); its route declares the permission like every other view.
"""
