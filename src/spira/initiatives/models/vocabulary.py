from django.db import models
from django.utils.translation import gettext_lazy as _

from spira.initiatives.choices import InnovationStage


class Stage(models.Model):
    """One of OPSI's innovation stages, as a row so that an initiative can have several."""

    code = models.CharField(_("code"), max_length=30, unique=True, choices=InnovationStage.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("innovation stage")
        verbose_name_plural = _("innovation stages")

    def __str__(self) -> str:
        return str(self.get_code_display())


class Tag(models.Model):
    """A free keyword."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name
