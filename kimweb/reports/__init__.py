"""The home of reports, and the KIM reports feature.

What every report needs, so that a new one is only its query, view, template, test and permission
(these modules import only core modules, and other features' report views use them):

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
- `suppression`: small numbers hidden, with secondary suppression, for figures that leave the team.

The KIM reports themselves (cases, people, work, needs and outcomes, network, deadlines, the
Sachbericht, the team page) are the feature kimweb/kim_reports/, which uses this library.
"""
