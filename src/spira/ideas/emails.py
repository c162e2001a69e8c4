"""E-mails to submitters without an account (their contact address is not a user)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from spira.ideas.models import Idea


def send_contact_email(idea_id: int, what: str) -> bool:
    idea = Idea.objects.select_related("stage", "sluice").filter(pk=idea_id).first()
    if idea is None or not idea.contact_email or idea.submitter_id is not None:
        return False
    with translation.override(idea.language):
        context = {"idea": idea, "what": what, "follow_url": settings.SITE_URL + idea.get_follow_url()}
        subject = render_to_string("ideas/email/contact_subject.txt", context).strip()
        body = render_to_string("ideas/email/contact_update.txt", context)
    EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[idea.contact_email]
    ).send()
    return True
