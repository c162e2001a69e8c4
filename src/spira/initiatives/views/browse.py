"""Reading the case library: the list with its exports, an initiative's page and its tabs."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from spira.core.exports import ExportColumn, ExportMixin
from spira.core.views import ObjectDetailView, ObjectHistoryView, ObjectListView, ObjectTabView
from spira.initiatives import services
from spira.initiatives.choices import SECTION_FIELDS, OrganisationRole
from spira.initiatives.diffs import revision_changes
from spira.initiatives.filtersets import InitiativeFilterSet
from spira.initiatives.forms import ContactForm
from spira.initiatives.guidance import SECTION_GUIDANCE
from spira.initiatives.models import Initiative
from spira.initiatives.queries import (
    for_organisation,
    initiative_detail_queryset,
    initiative_list_queryset,
    revisions_of,
)
from spira.organisations.models import Organisation
from spira.organisations.queries import organisation_detail_queryset

logger = logging.getLogger(__name__)

try:  # The search app provides similarity once it exists; the page works without it.
    from spira.search.services import similar as find_similar
except ImportError:  # pragma: no cover - depends on which apps are installed
    find_similar = None


EXPORT_COLUMNS = [
    ExportColumn("slug"),
    ExportColumn("url", lambda obj: obj.get_absolute_url()),
    ExportColumn("title_sv"),
    ExportColumn("title_en"),
    ExportColumn("summary_sv"),
    ExportColumn("summary_en"),
    ExportColumn("original_language"),
    ExportColumn("status"),
    ExportColumn("state"),
    ExportColumn("stages", lambda obj: [stage.code for stage in obj.stages.all()]),
    ExportColumn("facet"),
    ExportColumn("sector"),
    ExportColumn("government_level"),
    ExportColumn("sdgs", lambda obj: [sdg.number for sdg in obj.sdgs.all()]),
    ExportColumn("tags", lambda obj: [tag.name for tag in obj.tags.all()]),
    ExportColumn("coordinator", "coordinator.slug"),
    ExportColumn("coordinator_name", "coordinator.name"),
    ExportColumn("coordinator_county", "coordinator.county.code"),
    ExportColumn("funder", "funder.slug"),
    ExportColumn("funding_sek"),
    ExportColumn("call"),
    ExportColumn("application_round"),
    ExportColumn("reference_number"),
    ExportColumn("start_month"),
    ExportColumn("end_month"),
    ExportColumn("gender_equality"),
    ExportColumn("origin"),
    ExportColumn("source_url"),
    ExportColumn("source_updated"),
    ExportColumn("published_at"),
    ExportColumn("updated_at"),
]


class InitiativeListView(ExportMixin, ObjectListView):
    """/initiativ/: filters in a sidebar, HTMX results, `?format=csv|json` exports."""

    model = Initiative
    filterset_class = InitiativeFilterSet
    template_name = "initiatives/initiative_list.html"
    export_columns = EXPORT_COLUMNS
    export_filename = "initiatives"

    def get_queryset(self):
        return initiative_list_queryset().visible_to(self.request.user)

    def get_export_queryset(self, queryset):
        return queryset.select_related("funder").prefetch_related("sdgs", "tags")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed_url"] = reverse("initiatives:initiative_feed")
        context["show_state_filter"] = self.request.user.is_authenticated
        return context


def reading_sections(initiative: Initiative, language: str) -> list[dict]:
    """The story in the reader's language, with the language of each text and its caveats."""
    preferred = "en" if language.startswith("en") else "sv"
    sections = []
    for name in SECTION_FIELDS:
        text = initiative.text(name, preferred)
        if not text:
            continue
        lang = initiative.text_language(name, preferred)
        sections.append(
            {
                "name": name,
                "heading": SECTION_GUIDANCE[name].heading,
                "text": text,
                "lang": lang,
                "machine_translated": getattr(initiative, f"machine_translated_{lang}"),
                "other_language_only": lang != preferred,
            }
        )
    return sections


class InitiativeTabsMixin:
    history_url_name = "initiatives:initiative_history"

    def get_tabs(self):
        tabs = super().get_tabs()
        revisions = {
            "name": "revisions",
            "label": _("Revisions"),
            "url": reverse("initiatives:initiative_revisions", kwargs={"slug": self.object.slug}),
            "count": None,
        }
        return [*tabs[:-1], revisions, tabs[-1]]


class InitiativeDetailView(InitiativeTabsMixin, ObjectDetailView):
    model = Initiative
    template_name = "initiatives/initiative_detail.html"

    def get_queryset(self):
        return initiative_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiative, user = self.object, self.request.user
        language = get_language() or "sv"
        preferred = "en" if language.startswith("en") else "sv"
        context.update(initiative_header_context(initiative, user, preferred))
        context["sections"] = reading_sections(initiative, preferred)
        participations = list(initiative.participations.all())
        context["participations_by_role"] = [
            {"role": label, "organisations": [p.organisation for p in participations if p.role == value]}
            for value, label in OrganisationRole.choices
            if any(p.role == value for p in participations)
        ]
        if user.has_perm("initiatives.contact_initiative", initiative):
            context["contact_form"] = kwargs.get("contact_form") or ContactForm()
        context["similar"] = similar_initiatives(initiative)
        return context


def similar_initiatives(initiative: Initiative) -> list:
    """The search app's "similar initiatives", if it is installed. The block is optional: when
    it fails the page is still shown, without it, and the error is logged."""
    if find_similar is None or not initiative.is_published:
        return []
    try:
        return list(find_similar(initiative, limit=5))
    except Exception:
        logger.exception("similar() failed for initiative %s", initiative.pk)
        return []


def initiative_header_context(initiative: Initiative, user, preferred: str) -> dict:
    """What the header of every tab of an initiative shows: title, state and what the user may do."""
    title_lang = initiative.text_language("title", preferred)
    summary_lang = initiative.text_language("summary", preferred)
    return {
        "title_lang": title_lang,
        "title_machine_translated": getattr(initiative, f"machine_translated_{title_lang}"),
        "summary_lang": summary_lang,
        "summary_machine_translated": getattr(initiative, f"machine_translated_{summary_lang}"),
        "summary_other_language_only": summary_lang != preferred,
        "can_change": user.has_perm("initiatives.change_initiative", initiative),
        "can_publish": user.has_perm("initiatives.publish_initiative", initiative),
        "can_archive": user.has_perm("initiatives.archive_initiative", initiative),
        "can_delete": user.has_perm("initiatives.delete_initiative", initiative),
    }


class InitiativeHeaderMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language() or "sv"
        preferred = "en" if language.startswith("en") else "sv"
        context.update(initiative_header_context(self.object, self.request.user, preferred))
        return context


class InitiativeHistoryView(InitiativeHeaderMixin, InitiativeTabsMixin, ObjectHistoryView):
    model = Initiative

    def get_queryset(self):
        return initiative_detail_queryset().visible_to(self.request.user)


class InitiativeRevisionListView(InitiativeHeaderMixin, InitiativeTabsMixin, ObjectDetailView):
    model = Initiative
    active_tab = "revisions"
    template_name = "initiatives/initiative_revisions.html"

    def get_queryset(self):
        return initiative_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(revisions_of(self.object), 50).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        return context


class InitiativeRevisionDiffView(InitiativeHeaderMixin, InitiativeTabsMixin, ObjectDetailView):
    """What changed in revision `number`, against the one before it (or `?mot=<number>`)."""

    model = Initiative
    active_tab = "revisions"
    template_name = "initiatives/initiative_revision_diff.html"

    def get_queryset(self):
        return initiative_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revisions = self.object.revisions.select_related("author")
        revision = get_object_or_404(revisions, number=self.kwargs["number"])
        against = self.request.GET.get("mot")
        if against and against.isdigit() and len(against) < 10:
            previous = get_object_or_404(revisions, number=int(against))
        else:
            previous = revisions.filter(number__lt=revision.number).order_by("-number").first()
        context["revision"] = revision
        context["previous"] = previous
        context["changes"] = revision_changes(previous.data if previous else {}, revision.data)
        return context


class InitiativeContactView(InitiativeHeaderMixin, InitiativeTabsMixin, ObjectDetailView):
    """The "contact the owner" form: GET shows it alone, POST sends (the detail page embeds it)."""

    model = Initiative
    template_name = "initiatives/initiative_contact.html"

    def get_queryset(self):
        return Initiative.objects.select_related("owner", "coordinator").visible_to(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_perm("initiatives.contact_initiative", self.object):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_form(ContactForm())

    def render_form(self, form, status=200):
        context = self.get_context_data(object=self.object, contact_form=form)
        return render(request=self.request, template_name=self.template_name, context=context, status=status)

    def post(self, request, *args, **kwargs):
        form = ContactForm(request.POST)
        if form.is_spam():
            # Look like success so that the robot learns nothing; nothing is sent.
            messages.success(request, _("Your message has been sent to the initiative's owner."))
            return redirect(self.object.get_absolute_url())
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            services.contact_owner(
                form.cleaned_data["name"],
                form.cleaned_data["email"],
                form.cleaned_data["message"],
                self.object,
                ip_address=request.META.get("REMOTE_ADDR"),
                actor=request.user,
            )
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
            return self.render_form(form, status=429 if "__all__" in exc.message_dict else 400)
        except PermissionDenied as exc:
            raise Http404 from exc
        messages.success(request, _("Your message has been sent to the initiative's owner."))
        return redirect(self.object.get_absolute_url())


class OrganisationInitiativesView(ObjectTabView):
    """The "Initiatives" tab on an organisation's page: what it coordinates or takes part in."""

    model = Organisation
    active_tab = "initiatives"
    history_url_name = "organisations:organisation_history"
    template_name = "initiatives/organisation_initiatives.html"
    page_title = gettext_lazy("Initiatives")

    def get_queryset(self):
        return organisation_detail_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiatives = for_organisation(
            initiative_list_queryset().visible_to(self.request.user), self.object
        ).order_by("-published_at", "-created_at")
        context["page_obj"] = Paginator(initiatives, 25).get_page(self.request.GET.get("page"))
        return context
