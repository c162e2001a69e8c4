import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from spira.core.models import ActivityLogEntry
from spira.initiatives import services
from spira.initiatives.choices import PublicationState
from spira.initiatives.models import CoAuthorInvitation, Initiative
from spira.initiatives.tests.factories import (
    InitiativeFactory,
    OrganisationFactory,
    PublishedInitiativeFactory,
    SdgFactory,
    UserFactory,
    stage,
)

pytestmark = pytest.mark.django_db


def actions_for(initiative) -> list[str]:
    return list(
        ActivityLogEntry.objects.for_object(initiative).order_by("id").values_list("action", flat=True)
    )


def create(actor, **values):
    values.setdefault("title_sv", "Idésluss i Piteå")
    values.setdefault("summary_sv", "En väg från idé till förändring.")
    return services.create_initiative(actor, **values)


# Creating -------------------------------------------------------------------------------------------


def test_create_initiative_makes_a_draft_owned_by_the_actor(coordinator, municipality):
    initiative = create(coordinator, coordinator=municipality, stages=["implementation"], tags=["idésluss"])

    assert initiative.state == PublicationState.DRAFT
    assert initiative.owner == coordinator
    assert initiative.slug == "idesluss-i-pitea"
    assert list(initiative.stages.values_list("code", flat=True)) == ["implementation"]
    assert [tag.name for tag in initiative.tags.all()] == ["idésluss"]
    assert initiative.revisions.count() == 1
    assert actions_for(initiative) == ["initiatives.initiative.created"]


def test_create_initiative_rejects_coordinator_the_actor_is_not_member_of(stranger, municipality):
    with pytest.raises(ValidationError) as error:
        create(stranger, coordinator=municipality)

    assert "coordinator" in error.value.message_dict
    assert Initiative.objects.count() == 0


def test_create_initiative_lets_moderator_name_any_coordinator(moderator, municipality):
    initiative = create(moderator, coordinator=municipality)

    assert initiative.coordinator == municipality


def test_create_initiative_requires_a_title(coordinator):
    with pytest.raises(ValidationError) as error:
        services.create_initiative(coordinator, summary_sv="Bara en sammanfattning")

    assert "title_sv" in error.value.message_dict


def test_create_initiative_rejects_end_before_start(coordinator):
    with pytest.raises(ValidationError) as error:
        create(coordinator, start_month="2023-06", end_month="2021-01")

    assert list(error.value.message_dict) == ["end_month"]
    assert Initiative.objects.count() == 0


def test_create_initiative_rejects_summary_over_500_characters(coordinator):
    with pytest.raises(ValidationError) as error:
        create(coordinator, summary_sv="x" * 501)

    assert list(error.value.message_dict) == ["summary_sv"]


def test_create_initiative_rejects_ten_megabyte_section(coordinator):
    with pytest.raises(ValidationError) as error:
        create(coordinator, overview_en="x" * 10_000_000)

    assert list(error.value.message_dict) == ["overview_en"]


def test_create_initiative_rejects_amount_that_is_not_a_number(coordinator):
    with pytest.raises(ValidationError) as error:
        create(coordinator, funding_sek="tre miljoner")

    assert list(error.value.message_dict) == ["funding_sek"]
    assert Initiative.objects.count() == 0


def test_create_initiative_accepts_amount_with_spaces(coordinator):
    initiative = create(coordinator, funding_sek="3 573 324")

    assert initiative.funding_sek == 3573324


def test_create_initiative_rejects_unknown_field(coordinator):
    with pytest.raises(ValidationError) as error:
        create(coordinator, state="published")

    assert list(error.value.message_dict) == ["state"]


def test_create_initiative_stores_script_as_text(coordinator):
    initiative = create(coordinator, overview_sv="<script>alert(1)</script>")

    assert initiative.overview_sv == "<script>alert(1)</script>"


def test_create_initiative_refuses_anonymous():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        create(AnonymousUser())


def test_create_initiative_lets_only_moderators_set_origin(coordinator):
    with pytest.raises(ValidationError) as error:
        create(coordinator, origin="swecris")

    assert list(error.value.message_dict) == ["origin"]


def test_create_initiative_rejects_duplicate_reference_number(moderator):
    create(moderator, reference_number="2021-02068")

    with pytest.raises(ValidationError) as error:
        create(moderator, title_sv="Annat", reference_number="2021-02068")

    assert "reference_number" in error.value.message_dict


def test_create_initiative_never_takes_a_reserved_slug(coordinator):
    initiative = create(coordinator, title_sv="Mina")

    assert initiative.slug == "mina-2"


# Updating -------------------------------------------------------------------------------------------


def test_update_initiative_writes_revision_and_log_with_changes(coordinator):
    initiative = create(coordinator)

    services.update_initiative(coordinator, initiative, {"results_sv": "Fler idéer."}, note="Resultat")

    revision = initiative.revisions.order_by("-number").first()
    assert revision.number == 2
    assert revision.changed_fields == ["results_sv"]
    assert revision.data["results_sv"] == "Fler idéer."
    assert revision.note == "Resultat"
    entry = (
        ActivityLogEntry.objects.for_object(initiative).filter(action="initiatives.initiative.updated").get()
    )
    assert entry.changes == {"results_sv": ["", "Fler idéer."]}


def test_update_initiative_after_publication_still_writes_a_revision(coordinator):
    initiative = PublishedInitiativeFactory(owner=coordinator)

    services.update_initiative(coordinator, initiative, {"lessons_sv": "Börja i styrningen."})

    assert initiative.state == PublicationState.PUBLISHED
    assert initiative.revisions.get().changed_fields == ["lessons_sv"]


def test_update_initiative_without_changes_writes_nothing(coordinator):
    initiative = create(coordinator)

    services.update_initiative(coordinator, initiative, {"title_sv": initiative.title_sv})

    assert initiative.revisions.count() == 1
    assert actions_for(initiative) == ["initiatives.initiative.created"]


def test_update_initiative_refuses_a_stranger(coordinator, stranger):
    initiative = create(coordinator)

    with pytest.raises(PermissionDenied):
        services.update_initiative(stranger, initiative, {"title_sv": "Kapad"})


def test_update_initiative_rejects_end_before_start_against_stored_start(coordinator):
    initiative = create(coordinator, start_month=datetime.date(2022, 5, 1))

    with pytest.raises(ValidationError) as error:
        services.update_initiative(coordinator, initiative, {"end_month": "2021-12"})

    assert list(error.value.message_dict) == ["end_month"]
    initiative.refresh_from_db()
    assert initiative.end_month is None


def test_update_initiative_changes_nothing_when_one_field_is_bad(coordinator):
    initiative = create(coordinator)

    with pytest.raises(ValidationError):
        services.update_initiative(
            coordinator, initiative, {"title_sv": "Nytt namn", "summary_sv": "y" * 600, "tags": ["ny"]}
        )

    initiative.refresh_from_db()
    assert initiative.title_sv == "Idésluss i Piteå"
    assert initiative.tags.count() == 0
    assert initiative.revisions.count() == 1


def test_update_initiative_replaces_relations(coordinator, municipality):
    partner = OrganisationFactory()
    SdgFactory(number=11, name_en="Sustainable cities", color="#f99d26")
    initiative = create(coordinator, links=[{"url": "https://example.se/a", "title": "A"}])

    services.update_initiative(
        coordinator,
        initiative,
        {
            "participations": [{"organisation": partner, "role": "partner"}],
            "links": [{"url": "https://example.se/b", "title": "B"}],
            "sdgs": [11],
            "stages": [stage("evaluation")],
        },
    )

    assert [(p.organisation, p.role) for p in initiative.participations.all()] == [(partner, "partner")]
    assert [link.url for link in initiative.links.all()] == ["https://example.se/b"]
    assert list(initiative.sdgs.values_list("number", flat=True)) == [11]
    revision = initiative.revisions.order_by("-number").first()
    assert sorted(revision.changed_fields) == ["links", "participations", "sdgs", "stages"]


def test_update_initiative_rejects_link_that_is_not_a_web_address(coordinator):
    initiative = create(coordinator)

    with pytest.raises(ValidationError) as error:
        services.update_initiative(coordinator, initiative, {"links": [{"url": "javascript:alert(1)"}]})

    assert list(error.value.message_dict) == ["links"]


# Workflow -----------------------------------------------------------------------------------------


def test_submit_for_review_moves_draft_to_review(coordinator):
    initiative = create(coordinator)

    services.submit_for_review(coordinator, initiative)

    initiative.refresh_from_db()
    assert initiative.state == PublicationState.IN_REVIEW
    assert actions_for(initiative)[-1] == "initiatives.initiative.submitted"


def test_submit_for_review_requires_a_summary(coordinator):
    initiative = create(coordinator, summary_sv="")

    with pytest.raises(ValidationError) as error:
        services.submit_for_review(coordinator, initiative)

    assert list(error.value.message_dict) == ["summary_sv"]


def test_submit_for_review_rejects_published_initiative(coordinator):
    initiative = PublishedInitiativeFactory(owner=coordinator)

    with pytest.raises(ValidationError) as error:
        services.submit_for_review(coordinator, initiative)

    assert list(error.value.message_dict) == ["state"]


def test_submit_for_review_refuses_a_stranger(stranger):
    initiative = InitiativeFactory()

    with pytest.raises(PermissionDenied):
        services.submit_for_review(stranger, initiative)


def test_publish_sets_published_at_and_notifies_owner(coordinator, moderator):
    initiative = InitiativeFactory(owner=coordinator, state=PublicationState.IN_REVIEW)

    services.publish(moderator, initiative)

    initiative.refresh_from_db()
    assert initiative.state == PublicationState.PUBLISHED
    assert initiative.published_at is not None
    assert list(coordinator.notifications.values_list("kind", flat=True)) == ["initiatives.published"]
    assert actions_for(initiative) == ["initiatives.initiative.published"]


def test_publish_refuses_non_moderator(coordinator):
    initiative = InitiativeFactory(owner=coordinator, state=PublicationState.IN_REVIEW)

    with pytest.raises(PermissionDenied):
        services.publish(coordinator, initiative)

    initiative.refresh_from_db()
    assert initiative.state == PublicationState.IN_REVIEW


def test_publish_rejects_a_draft(moderator):
    initiative = InitiativeFactory()

    with pytest.raises(ValidationError) as error:
        services.publish(moderator, initiative)

    assert list(error.value.message_dict) == ["state"]


def test_send_back_returns_to_draft_with_comment(coordinator, moderator):
    initiative = InitiativeFactory(owner=coordinator, state=PublicationState.IN_REVIEW)

    services.send_back(moderator, initiative, "Beskriv resultaten med siffror.")

    initiative.refresh_from_db()
    assert initiative.state == PublicationState.DRAFT
    assert initiative.review_comment == "Beskriv resultaten med siffror."
    assert list(coordinator.notifications.values_list("kind", flat=True)) == ["initiatives.sent_back"]


def test_send_back_requires_a_comment(moderator):
    initiative = InitiativeFactory(state=PublicationState.IN_REVIEW)

    with pytest.raises(ValidationError) as error:
        services.send_back(moderator, initiative, "   ")

    assert list(error.value.message_dict) == ["comment"]
    initiative.refresh_from_db()
    assert initiative.state == PublicationState.IN_REVIEW


def test_send_back_refuses_non_moderator(coordinator):
    initiative = InitiativeFactory(owner=coordinator, state=PublicationState.IN_REVIEW)

    with pytest.raises(PermissionDenied):
        services.send_back(coordinator, initiative, "Själv")


def test_send_back_rejects_a_published_initiative(moderator):
    initiative = PublishedInitiativeFactory()

    with pytest.raises(ValidationError):
        services.send_back(moderator, initiative, "För sent")


def test_archive_and_unarchive_return_to_published(coordinator):
    initiative = PublishedInitiativeFactory(owner=coordinator)

    services.archive(coordinator, initiative, "Inaktuellt")
    assert initiative.state == PublicationState.ARCHIVED
    services.unarchive(coordinator, initiative)

    initiative.refresh_from_db()
    assert initiative.state == PublicationState.PUBLISHED
    assert actions_for(initiative) == ["initiatives.initiative.archived", "initiatives.initiative.unarchived"]


def test_archive_rejects_archived_initiative(moderator):
    initiative = InitiativeFactory(state=PublicationState.ARCHIVED)

    with pytest.raises(ValidationError):
        services.archive(moderator, initiative)


def test_archive_refuses_a_co_author(coordinator):
    co_author = UserFactory()
    initiative = PublishedInitiativeFactory(owner=coordinator)
    initiative.co_authors.add(co_author)

    with pytest.raises(PermissionDenied):
        services.archive(co_author, initiative)


def test_unarchive_rejects_initiative_not_archived(moderator):
    with pytest.raises(ValidationError):
        services.unarchive(moderator, PublishedInitiativeFactory())


def test_delete_initiative_removes_owners_draft(coordinator):
    initiative = create(coordinator)
    pk = initiative.pk

    services.delete_initiative(coordinator, initiative)

    assert not Initiative.objects.filter(pk=pk).exists()


def test_delete_initiative_refuses_owner_of_published_initiative(coordinator):
    initiative = PublishedInitiativeFactory(owner=coordinator)

    with pytest.raises(PermissionDenied):
        services.delete_initiative(coordinator, initiative)


# Co-authors -------------------------------------------------------------------------------------


def test_invite_co_author_emails_a_link_that_adds_the_acceptor(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    initiative = create(coordinator)
    invitee = UserFactory(email="kollega@pitea.se")

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_co_author(coordinator, initiative, "Kollega@Pitea.se")
    services.accept_invitation(invitee, invitation.token)

    assert [message.to for message in mailoutbox] == [["kollega@pitea.se"]]
    assert invitation.token in mailoutbox[0].body
    assert list(initiative.co_authors.all()) == [invitee]
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee


def test_invite_co_author_rejects_bad_address(coordinator):
    initiative = create(coordinator)

    with pytest.raises(ValidationError) as error:
        services.invite_co_author(coordinator, initiative, "inte en adress")

    assert list(error.value.message_dict) == ["email"]


def test_invite_co_author_refuses_a_stranger(stranger):
    with pytest.raises(PermissionDenied):
        services.invite_co_author(stranger, InitiativeFactory(), "x@example.se")


def test_accept_invitation_rejects_used_invitation(coordinator):
    initiative = create(coordinator)
    invitation = services.invite_co_author(coordinator, initiative, "ny@example.se")
    services.accept_invitation(UserFactory(), invitation.token)

    with pytest.raises(ValidationError) as error:
        services.accept_invitation(UserFactory(), invitation.token)

    assert list(error.value.message_dict) == ["token"]


def test_accept_invitation_rejects_expired_invitation(coordinator):
    initiative = create(coordinator)
    invitation = services.invite_co_author(coordinator, initiative, "ny@example.se")
    CoAuthorInvitation.objects.filter(pk=invitation.pk).update(
        created_at=invitation.created_at - datetime.timedelta(days=31)
    )

    with pytest.raises(ValidationError):
        services.accept_invitation(UserFactory(), invitation.token)


def test_accept_invitation_rejects_unknown_token():
    with pytest.raises(ValidationError):
        services.accept_invitation(UserFactory(), "nope")


def test_add_co_author_adds_and_notifies(coordinator):
    initiative = create(coordinator)
    colleague = UserFactory()

    services.add_co_author(coordinator, initiative, colleague)

    assert list(initiative.co_authors.all()) == [colleague]
    assert list(colleague.notifications.values_list("kind", flat=True)) == ["initiatives.co_author_added"]


def test_add_co_author_rejects_existing_author(coordinator):
    initiative = create(coordinator)

    with pytest.raises(ValidationError):
        services.add_co_author(coordinator, initiative, coordinator)


def test_co_author_can_edit_after_being_added(coordinator):
    initiative = create(coordinator)
    colleague = UserFactory()
    services.add_co_author(coordinator, initiative, colleague)

    services.update_initiative(colleague, initiative, {"purpose_sv": "Syfte"})

    assert initiative.revisions.order_by("-number").first().author == colleague


# Contacting the owner ----------------------------------------------------------------------------


def test_contact_owner_mails_owner_with_reply_to_sender(coordinator, mailoutbox):
    initiative = PublishedInitiativeFactory(owner=coordinator)

    services.contact_owner("Alex Läsare", "alex@example.se", "Hur började ni?", initiative, "10.0.0.1")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [coordinator.email]
    assert len(mailoutbox[0].reply_to) == 1
    assert mailoutbox[0].reply_to[0].endswith("<alex@example.se>")
    assert "Hur började ni?" in mailoutbox[0].body


def test_contact_owner_rejects_bad_input_naming_fields(mailoutbox):
    initiative = PublishedInitiativeFactory()

    with pytest.raises(ValidationError) as error:
        services.contact_owner("Namn\nBcc: x@y.se", "fel", "", initiative, "10.0.0.1")

    assert sorted(error.value.message_dict) == ["email", "message", "name"]
    assert mailoutbox == []


def test_contact_owner_is_rate_limited_per_ip(mailoutbox):
    initiative = PublishedInitiativeFactory()
    for _number in range(services.CONTACT_LIMIT_PER_HOUR):
        services.contact_owner("A", "a@example.se", "Hej", initiative, "10.0.0.2")

    with pytest.raises(ValidationError) as error:
        services.contact_owner("A", "a@example.se", "Hej", initiative, "10.0.0.2")
    services.contact_owner("B", "b@example.se", "Hej", initiative, "10.0.0.3")

    assert list(error.value.message_dict) == ["__all__"]
    assert len(mailoutbox) == services.CONTACT_LIMIT_PER_HOUR + 1


def test_contact_owner_refuses_draft():
    with pytest.raises(PermissionDenied):
        services.contact_owner("A", "a@example.se", "Hej", InitiativeFactory(), "10.0.0.4")
