from django.db import models
from django.utils.translation import gettext_lazy as _


class Aggregate(models.Model):
    """A pre-computed count (and sum) of one measure's rows in one cell, for one chart category.

    A cell is what the dashboard filters on: the county, kind and size band of the counted row's
    organisation and the year of its date. Every dashboard filter is then a SUM over a few rows
    of this table, never a scan of the source tables (see spira.observatory.aggregates). Missing
    values are stored as 0 (no county, no date) or "" (no organisation, unknown population), so
    that the unique constraint covers every cell. Rows with county -1, kind "*" or band "*" are
    roll-ups: the sum over every value of that dimension (see aggregates.cells.ALL)."""

    measure = models.CharField(_("measure"), max_length=30)
    county = models.IntegerField(_("county id"), default=0)
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    band = models.CharField(_("size band"), max_length=10, blank=True)
    year = models.SmallIntegerField(_("year"), default=0)
    chart = models.CharField(_("chart"), max_length=20)
    a = models.CharField(_("category"), max_length=300, blank=True)
    b = models.CharField(_("second category"), max_length=40, blank=True)
    n = models.IntegerField(_("count"))
    amount = models.BigIntegerField(_("amount"), default=0)

    class Meta:
        verbose_name = _("aggregate")
        verbose_name_plural = _("aggregates")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "county", "kind", "band", "year", "chart", "a", "b"],
                name="observatory_aggregate_cell",
            )
        ]
        # The map's rows are read by measure and year whatever the other filters.
        indexes = [models.Index(fields=["measure", "chart", "year"], name="observatory_aggregate_chart")]

    def __str__(self) -> str:
        return f"{self.measure}/{self.chart} {self.a} {self.b}: {self.n}"


class Contribution(models.Model):
    """What one counted row adds to the aggregates now: its cell and its (chart, category,
    second category, amount) items. A change to the row replaces these and adds the difference
    to the aggregates, so that an update costs the same whatever the size of its cell, and a
    row changed behind the signals' back is put right the next time it changes."""

    measure = models.CharField(_("measure"), max_length=30)
    row = models.BigIntegerField(_("row"))
    items = models.JSONField(_("items"))

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(fields=["measure", "row"], name="observatory_contribution_row")
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.row}"


class AggregateState(models.Model):
    """When a measure's aggregates were last built in full, and from which definition (a
    changed definition is rebuilt after `migrate`). Its row is also the lock that serialises
    recomputations of that measure."""

    measure = models.CharField(_("measure"), max_length=30, unique=True)
    signature = models.CharField(_("signature"), max_length=64, blank=True)
    built_at = models.DateTimeField(_("built"), null=True, blank=True)

    class Meta:
        verbose_name = _("aggregate state")
        verbose_name_plural = _("aggregate states")

    def __str__(self) -> str:
        return self.measure
