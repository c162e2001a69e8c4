"""Background work of the ideas app. Tasks take IDs, call services and are safe to run twice
(an e-mail to a contact address may in the worst case go out twice)."""

from django_tasks import task

from spira.ideas import emails, services


@task()
def send_contact_email(idea_id: int, what: str) -> bool:
    """E-mail an anonymous submitter's contact address: the receipt or the idea's new stage."""
    return emails.send_contact_email(idea_id, what)


@task()
def purge_contact_data() -> int:
    """The same as `spira purge_idea_contacts`."""
    return services.purge_contact_data()
