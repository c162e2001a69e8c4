from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import PublicQuerySet, VisibleQuerySet
from spira.networks.choices import AssessmentStatus, ModuleStatus


def _bilingual(obj, name: str) -> str:
    english = getattr(obj, f"{name}_en", "")
    return english if (get_language() or "sv").startswith("en") and english else getattr(obj, name)


class ProgrammeModule(models.Model):
    """A module of a partnership programme (innovation culture, strategy, ...)."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="modules"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    description = models.TextField(_("description"), max_length=5_000, blank=True)
    description_en = models.TextField(_("description in English"), max_length=5_000, blank=True)
    # One milestone per line: every plan that takes the module starts with these.
    milestones = models.TextField(_("standard milestones"), max_length=2_000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["network", "position", "pk"]
        verbose_name = _("programme module")
        verbose_name_plural = _("programme modules")
        constraints = [
            models.UniqueConstraint(fields=["network", "code"], name="unique_programme_module_code")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _bilingual(self, "name")

    @property
    def display_description(self) -> str:
        return _bilingual(self, "description")

    def milestone_titles(self) -> list[str]:
        return [line.strip() for line in self.milestones.splitlines() if line.strip()]


class ProgrammeCluster(models.Model):
    """A group of participating municipalities who follow the programme together."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="clusters"
    )
    name = models.CharField(_("name"), max_length=150)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["network", "name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return self.name


class AssessmentQuestion(models.Model):
    """A statement of the programme's needs assessment, answered on a scale, scored for a module."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="questions"
    )
    module = models.ForeignKey(
        ProgrammeModule, verbose_name=_("module"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=300)
    text_en = models.CharField(_("question in English"), max_length=300, blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest answer"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest answer"), default=5)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["network", "position", "pk"]
        verbose_name = _("assessment question")
        verbose_name_plural = _("assessment questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="question_scale_order"
            )
        ]

    def __str__(self) -> str:
        return self.display_text

    @property
    def display_text(self) -> str:
        return _bilingual(self, "text")


class ProgrammeRecordQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """The assessments and plans of the user's own organisations, and all of a programme's
        for its managers. Agrees with `networks.view_needsassessment`/`view_programmeplan`."""
        from spira.networks.queries import managed_network_ids

        if not user or not user.is_authenticated:
            return self.none()
        if user.is_platform_admin:
            return self.all()
        own = user.memberships.values("organisation_id")
        return self.filter(Q(organisation_id__in=own) | Q(network_id__in=managed_network_ids(user)))


class NeedsAssessment(TimeStampedModel):
    """A participating municipality's answers to its programme's questionnaire."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="assessments"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="needs_assessments",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ProgrammeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["network", "organisation__name"]
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="unique_needs_assessment")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"


class AssessmentAnswer(models.Model):
    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(AssessmentQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(_("answer"))

    class Meta:
        ordering = ["assessment", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="unique_assessment_answer")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class ProgrammePlan(TimeStampedModel):
    """A municipality's plan: the modules chosen from its needs assessment, with milestones."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="plans"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="programme_plans",
    )
    assessment = models.OneToOneField(
        NeedsAssessment,
        verbose_name=_("needs assessment"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="plan",
    )

    objects = ProgrammeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["network", "organisation__name"]
        verbose_name = _("programme plan")
        verbose_name_plural = _("programme plans")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="unique_programme_plan")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"


class PlanModule(models.Model):
    plan = models.ForeignKey(ProgrammePlan, on_delete=models.CASCADE, related_name="plan_modules")
    module = models.ForeignKey(
        ProgrammeModule, verbose_name=_("module"), on_delete=models.CASCADE, related_name="+"
    )
    need_score = models.DecimalField(_("need"), max_digits=4, decimal_places=2, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ModuleStatus.choices, default=ModuleStatus.PLANNED
    )

    class Meta:
        ordering = ["plan", "module__position"]
        constraints = [models.UniqueConstraint(fields=["plan", "module"], name="unique_plan_module")]

    def __str__(self) -> str:
        return str(self.module)

    @property
    def progress(self) -> int:
        """Per cent of the milestones done (uses the prefetched milestones)."""
        milestones = list(self.milestones.all())
        if not milestones:
            return 100 if self.status == ModuleStatus.DONE else 0
        return round(100 * sum(1 for m in milestones if m.done_on) / len(milestones))


class PlanMilestone(models.Model):
    plan_module = models.ForeignKey(PlanModule, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan_module", "position", "pk"]

    def __str__(self) -> str:
        return self.title
