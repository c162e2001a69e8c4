"""Upload a publiccode.yml: create or update the software solution it describes.

Members of an organisation upload for it; moderators may also let the file name its publisher.
An invalid file changes nothing and every problem is listed by key, in the reader's language.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.generic import FormView

from spira.spread import services
from spira.spread.forms import PubliccodeUploadForm
from spira.spread.importers import publisher_for
from spira.spread.models import Solution
from spira.spread.publiccode.convert import solution_values
from spira.spread.publiccode.validator import validate_text


class PubliccodeUploadView(LoginRequiredMixin, FormView):
    form_class = PubliccodeUploadForm
    template_name = "spread/publiccode_upload.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("spread.import_publiccode"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        text, user = form.cleaned_data["file"], self.request.user
        try:
            with transaction.atomic():
                owner = form.cleaned_data["owner"] or publisher_for(user, text)
                solution, created, deviations = services.import_publiccode(user, text, owner)
        except services.PubliccodeInvalid as invalid:
            problems = [(problem.key, problem.localised()) for problem in invalid.problems]
            return self.render_to_response(self.get_context_data(form=form, problems=problems))
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error(None, _taken_message(text))
            return self.form_invalid(form)
        if created:
            messages.success(self.request, _("The solution was created from the publiccode.yml."))
        else:
            messages.success(self.request, _("The solution was updated from the publiccode.yml."))
        context = {
            "solution": solution,
            "created": created,
            "deviations": [(problem.key, problem.localised()) for problem in deviations],
        }
        return render(self.request, "spread/publiccode_imported.html", context)


def _taken_message(text: str) -> str:
    """Why the upload may not update the solution that has the file's repository address."""
    address = solution_values(validate_text(text))["repository_url"]
    existing = Solution.objects.select_related("owner").filter(repository_url=address).first()
    if existing is None:
        return _("You may not share solutions for this organisation.")
    return _(
        "%(solution)s, shared by %(owner)s, already has this repository address. Only its members "
        "and moderators can update it; ask them, or correct the address in the file."
    ) % {"solution": existing.name, "owner": existing.owner.display_name}
