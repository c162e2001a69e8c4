from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions

register_actions(
    {
        "observatory.effectgoal.created": _("declared an effect goal"),
        "observatory.effectgoal.updated": _("changed an effect goal"),
        "observatory.measurement.recorded": _("reported a measured value"),
        "observatory.portfolio.assessed": _("completed the portfolio self-assessment"),
        "observatory.portfolio.facets_mapped": _("mapped initiatives onto the innovation facets"),
    }
)
