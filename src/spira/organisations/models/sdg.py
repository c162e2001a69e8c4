from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Sdg(models.Model):
    """One of the UN's 17 Sustainable Development Goals (Globala målen), a shared vocabulary."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    color = models.CharField(_("colour"), max_length=7)

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_sv
