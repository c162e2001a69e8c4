"""Aggregates behind the dashboards: counts per measure, cell and chart category.

- `cells`: what a cell is (county, kind and size band of the organisation, year) and the
  conditions that select the rows of a set of cells.
- `store`: full rebuilds (`spira observatory_aggregates rebuild`, after `spira generate`, and
  after `migrate` when a measure's definition changed) and the refresh of single rows, whose
  contributions are kept so that only the difference is added.
- `signals`: receivers that refresh the counted rows a save, delete or m2m change touches.
- `read`: the sums the dashboards show, for any combination of filters.
"""
