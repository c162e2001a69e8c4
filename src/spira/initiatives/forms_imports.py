"""The moderators' upload form: a format and a file, checked before anything is stored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from spira.initiatives.choices import Origin
from spira.initiatives.importers.runs import UPLOAD_MAX_BYTES

FORMAT_CHOICES = [
    (Origin.VINNOVA_PAGE, _("Vinnova project page (.txt or .html)")),
    (Origin.VINNOVA_JSON, _("Vinnova open data (.json)")),
    (Origin.SWECRIS, _("SweCRIS (.json)")),
]


class ImportUploadForm(forms.Form):
    origin = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,.json"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(limit)s MB.") % {"limit": UPLOAD_MAX_BYTES // 2**20}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB."), params={"limit": UPLOAD_MAX_BYTES // 2**20}
            )
        return upload
