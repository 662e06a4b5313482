"""Views: what people read — tables, workbooks, CSV for Excel, the HTML report — in words from one catalogue.

:mod:`~bianmin_rules.views.tables` turns a report or a comparison into named tables of typed
rows, which every tabular view reads; :mod:`~bianmin_rules.views.labels` holds every word
those views show, Chinese first, English on request.
"""
