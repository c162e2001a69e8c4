from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from spira.core.models import ActivityLogEntry, Notification
from spira.ideas import services
from spira.ideas.choices import SUBMISSIONS_PER_HOUR, Origin, StageType, TargetGroup
from spira.ideas.models import Follow, Idea, Sluice, StageLog, Support
from spira.ideas.tests.factories import (
    ChallengeFactory,
    FollowFactory,
    IdeaFactory,
    ReviewFactory,
    ReviewRoundFactory,
    SluiceFactory,
    SupportFactory,
    stage_of,
)
from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

VALUES = {
    "title": "Fler bänkar längs älven",
    "need": "Äldre orkar inte gå hela promenadstråket utan att vila.",
    "description": "Sätt upp bänkar var tvåhundrade meter längs älvpromenaden.",
}


def test_create_sluice_gives_default_pipeline_and_criteria(municipality, coordinator):
    sluice = services.create_sluice(coordinator, municipality, name="Skellefteås idésluss")

    assert sluice.slug == "skellefteas-idesluss"
    assert list(sluice.stages.values_list("stage_type", flat=True)) == [
        "new",
        "screening",
        "development",
        "test",
        "implementation",
        "spread",
        "parked",
        "closed_done",
        "closed_not_pursued",
        "closed_merged",
    ]
    assert sluice.criteria.count() == 4
    assert ActivityLogEntry.objects.filter(action="ideas.sluice.created").count() == 1


def test_create_sluice_rejects_member_without_coordinator_role(municipality, coworker):
    with pytest.raises(PermissionDenied):
        services.create_sluice(coworker, municipality, name="Egen sluss")
    assert Sluice.objects.count() == 0


def test_create_sluice_requires_a_name(municipality, coordinator):
    with pytest.raises(ValidationError) as error:
        services.create_sluice(coordinator, municipality, name="  ")
    assert "name" in error.value.message_dict


def test_submit_idea_anonymously_creates_idea_in_first_stage_with_log(sluice, stages, anonymous_user):
    idea = services.submit_idea(
        anonymous_user, sluice, ip="10.0.0.1", contact_email="robin@example.se", **VALUES
    )

    assert idea.stage == stages["new"]
    assert idea.origin == Origin.RESIDENT
    assert idea.submitter is None
    assert idea.contact_email == "robin@example.se"
    assert len(idea.follow_token) >= 40
    assert list(StageLog.objects.filter(idea=idea).values_list("stage_type", flat=True)) == ["new"]


def test_submit_idea_sends_receipt_to_contact_email(
    sluice, anonymous_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = services.submit_idea(
            anonymous_user, sluice, ip="10.0.0.1", contact_email="robin@example.se", **VALUES
        )

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["robin@example.se"]
    assert idea.follow_token in mail.outbox[0].body


def test_submit_idea_by_member_is_coworker_idea_followed_by_submitter(sluice, coworker, coordinator):
    idea = services.submit_idea(coworker, sluice, contact_email="ignored@example.se", **VALUES)

    assert idea.origin == Origin.COWORKER
    assert idea.contact_email == ""
    assert Follow.objects.filter(idea=idea, user=coworker).exists()
    assert Notification.objects.filter(recipient=coordinator, kind="ideas.new_idea").count() == 1


def test_submit_idea_rejects_filled_honeypot(sluice, anonymous_user):
    with pytest.raises(ValidationError):
        services.submit_idea(anonymous_user, sluice, honeypot="http://spam.example", **VALUES)
    assert Idea.objects.count() == 0


def test_submit_idea_rejects_flooding_from_one_address(sluice, anonymous_user):
    for _ in range(SUBMISSIONS_PER_HOUR):
        services.submit_idea(anonymous_user, sluice, ip="10.0.0.9", **VALUES)

    with pytest.raises(ValidationError) as error:
        services.submit_idea(anonymous_user, sluice, ip="10.0.0.9", **VALUES)

    assert "__all__" in error.value.message_dict
    assert Idea.objects.count() == SUBMISSIONS_PER_HOUR
    services.submit_idea(anonymous_user, sluice, ip="10.0.0.10", **VALUES)


def test_submit_idea_rejects_missing_texts_and_bad_email(sluice, anonymous_user):
    with pytest.raises(ValidationError) as error:
        services.submit_idea(
            anonymous_user, sluice, title="", need="", description="", contact_email="inte-en-adress"
        )
    assert set(error.value.message_dict) == {"title", "need", "description", "contact_email"}


def test_submit_idea_to_coworker_sluice_rejects_resident(municipality, anonymous_user):
    sluice = SluiceFactory(organisation=municipality, target_group=TargetGroup.COWORKERS)
    with pytest.raises(ValidationError):
        services.submit_idea(anonymous_user, sluice, **VALUES)


def test_submit_idea_rejects_closed_sluice_and_foreign_challenge(sluice, anonymous_user):
    other = ChallengeFactory()
    with pytest.raises(ValidationError) as error:
        services.submit_idea(anonymous_user, sluice, challenge=other, **VALUES)
    assert "challenge" in error.value.message_dict
    sluice.is_open = False
    sluice.save()
    with pytest.raises(ValidationError):
        services.submit_idea(anonymous_user, sluice, **VALUES)


def test_move_idea_records_stage_log_activity_and_notifies(idea, stages, coordinator, resident):
    follower = FollowFactory(idea=idea).user

    services.move_idea(coordinator, idea, stages["screening"], answer="Vi tittar på den.")

    idea.refresh_from_db()
    assert idea.stage == stages["screening"]
    assert idea.first_answer_at is not None
    logs = list(StageLog.objects.filter(idea=idea).order_by("entered_at", "id"))
    assert [log.stage_type for log in logs] == ["new", "screening"]
    assert logs[0].left_at == logs[1].entered_at
    assert ActivityLogEntry.objects.filter(action="ideas.idea.stage_changed").count() == 1
    recipients = set(
        Notification.objects.filter(kind="ideas.stage_changed").values_list("recipient_id", flat=True)
    )
    assert recipients == {resident.pk, follower.pk}


def test_move_idea_rejects_illegal_move(idea, stages, coordinator):
    with pytest.raises(ValidationError) as error:
        services.move_idea(coordinator, idea, stages["spread"])
    assert "stage" in error.value.message_dict
    idea.refresh_from_db()
    assert idea.stage == stages["new"]
    assert StageLog.objects.filter(idea=idea).count() == 1


def test_move_idea_requires_answer_when_closing(idea, stages, coordinator):
    with pytest.raises(ValidationError) as error:
        services.move_idea(coordinator, idea, stages["closed_not_pursued"], answer="  ")
    assert "answer" in error.value.message_dict
    idea.refresh_from_db()
    assert idea.closed_at is None


def test_move_idea_to_closed_sets_closed_at_and_closed_stays_closed(idea, stages, coordinator):
    services.move_idea(coordinator, idea, stages["closed_not_pursued"], answer="Vi har redan bänkar där.")
    idea.refresh_from_db()
    assert idea.closed_at is not None
    with pytest.raises(ValidationError):
        services.move_idea(coordinator, idea, stages["screening"])


def test_move_idea_rejects_stage_of_another_sluice_and_merge_stage(idea, stages, coordinator):
    other = SluiceFactory(organisation=idea.sluice.organisation)
    with pytest.raises(ValidationError):
        services.move_idea(coordinator, idea, stage_of(other, StageType.SCREENING))
    with pytest.raises(ValidationError):
        services.move_idea(coordinator, idea, stages["closed_merged"], answer="x")


def test_move_idea_rejects_submitter_and_outsider(idea, stages, resident, outsider):
    for user in (resident, outsider):
        with pytest.raises(PermissionDenied):
            services.move_idea(user, idea, stages["screening"])


def test_coach_may_move_idea(idea, stages, coordinator, coworker):
    services.assign_coach(coordinator, idea, coworker)
    services.move_idea(coworker, idea, stages["screening"])
    idea.refresh_from_db()
    assert idea.stage == stages["screening"]


def test_assign_coach_rejects_submitter_and_outsider(sluice, coordinator, coworker, outsider):
    idea = IdeaFactory(sluice=sluice, submitter=coworker, origin=Origin.COWORKER)
    with pytest.raises(ValidationError):
        services.assign_coach(coordinator, idea, coworker)
    with pytest.raises(ValidationError):
        services.assign_coach(coordinator, idea, outsider)
    idea.refresh_from_db()
    assert idea.coach is None


def test_assign_coach_notifies_coach(idea, coordinator, coworker):
    services.assign_coach(coordinator, idea, coworker)
    assert Notification.objects.filter(recipient=coworker, kind="ideas.coach_assigned").count() == 1


def test_internal_comment_needs_coordinator_or_coach(idea, resident, coordinator):
    with pytest.raises(PermissionDenied):
        services.add_comment(resident, idea, "Hemligt", visibility="internal")
    comment = services.add_comment(coordinator, idea, "Kolla budgeten", visibility="internal")
    assert comment.visibility == "internal"


def test_public_comment_by_coordinator_counts_as_first_answer(idea, coordinator):
    services.add_comment(coordinator, idea, "Tack, vi återkommer!")
    idea.refresh_from_db()
    assert idea.first_answer_at is not None


def test_support_idea_counts_and_rejects_twice_and_own(idea, outsider, resident):
    services.support_idea(outsider, idea)
    idea.refresh_from_db()
    assert idea.support_count == 1
    with pytest.raises(ValidationError):
        services.support_idea(outsider, idea)
    with pytest.raises(ValidationError):
        services.support_idea(resident, idea)
    services.withdraw_support(outsider, idea)
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_merge_ideas_carries_supports_and_followers_over(sluice, stages, coordinator, resident):
    keep = IdeaFactory(sluice=sluice)
    duplicate = IdeaFactory(sluice=sluice, submitter=resident)
    supporter = SupportFactory(idea=duplicate).user
    SupportFactory(idea=keep)
    follower = FollowFactory(idea=duplicate).user

    services.merge_ideas(coordinator, duplicate, keep)

    duplicate.refresh_from_db()
    keep.refresh_from_db()
    assert duplicate.merged_into == keep
    assert duplicate.stage == stages["closed_merged"]
    assert duplicate.public_answer != ""
    assert keep.support_count == 2
    assert Support.objects.filter(idea=keep, user=supporter).exists()
    assert set(Follow.objects.filter(idea=keep).values_list("user_id", flat=True)) == {
        follower.pk,
        resident.pk,
    }


def test_merge_ideas_rejects_itself(idea, coordinator):
    with pytest.raises(ValidationError) as error:
        services.merge_ideas(coordinator, idea, idea)
    assert "keep" in error.value.message_dict


def test_merge_ideas_rejects_other_organisation_without_permission(idea, coordinator):
    foreign = IdeaFactory(sluice=SluiceFactory(organisation=MunicipalityFactory()))
    with pytest.raises(ValidationError) as error:
        services.merge_ideas(coordinator, idea, foreign)
    assert "keep" in error.value.message_dict
    idea.refresh_from_db()
    assert idea.merged_into is None
    assert idea.closed_at is None


def test_merge_ideas_across_organisations_allowed_for_moderator(idea, moderator):
    foreign = IdeaFactory(sluice=SluiceFactory(organisation=MunicipalityFactory()))
    services.merge_ideas(moderator, idea, foreign)
    idea.refresh_from_db()
    assert idea.merged_into == foreign


def test_review_round_and_scores_give_combined_score(idea, coordinator, coworker, stages):
    other = UserFactory()
    MembershipFactory(user=other, organisation=idea.sluice.organisation)
    round_ = services.open_review_round(coordinator, idea, [coworker, other])
    criteria = list(idea.sluice.criteria.all())
    reviews = {r.reviewer_id: r for r in round_.reviews.all()}

    services.submit_review(coworker, reviews[coworker.pk], {c.pk: 5 for c in criteria})
    services.submit_review(other, reviews[other.pk], {c.pk: 3 for c in criteria}, comment="Rimlig")

    idea.refresh_from_db()
    assert idea.score == 75.0
    assert Notification.objects.filter(recipient=coworker, kind="ideas.review_requested").count() == 1


def test_submit_review_rejects_score_outside_one_to_five(idea, coworker):
    review = ReviewFactory(round=ReviewRoundFactory(idea=idea), reviewer=coworker)
    criteria = list(idea.sluice.criteria.all())
    scores = {c.pk: 3 for c in criteria}
    scores[criteria[0].pk] = 6
    with pytest.raises(ValidationError) as error:
        services.submit_review(coworker, review, scores)
    assert f"score_{criteria[0].pk}" in error.value.message_dict
    review.refresh_from_db()
    assert review.submitted_at is None


def test_submit_review_rejects_other_reviewer_and_ended_round(idea, coworker, outsider, coordinator, stages):
    review = ReviewFactory(round=ReviewRoundFactory(idea=idea), reviewer=coworker)
    scores = {c.pk: 3 for c in idea.sluice.criteria.all()}
    with pytest.raises(PermissionDenied):
        services.submit_review(outsider, review, scores)
    services.move_idea(coordinator, idea, stages["screening"])
    with pytest.raises(ValidationError):
        services.submit_review(coworker, review, scores)


def test_open_review_round_rejects_submitter_as_reviewer(idea, coordinator, resident):
    with pytest.raises(ValidationError):
        services.open_review_round(coordinator, idea, [resident])


def test_graduate_idea_creates_initiative_draft_linked_both_ways(idea, stages, coordinator):
    for stage_type in ("screening", "implementation"):
        services.move_idea(coordinator, idea, stages[stage_type])

    initiative = services.graduate_idea(coordinator, idea)

    idea.refresh_from_db()
    assert idea.initiative == initiative
    assert list(initiative.ideas.all()) == [idea]
    assert initiative.coordinator == idea.sluice.organisation
    assert initiative.state == "draft"
    with pytest.raises(ValidationError):
        services.graduate_idea(coordinator, idea)


def test_graduate_idea_rejects_idea_before_implementation(idea, coordinator):
    with pytest.raises(ValidationError):
        services.graduate_idea(coordinator, idea)
    idea.refresh_from_db()
    assert idea.initiative is None


def test_purge_contact_data_deletes_after_retention(sluice, stages, coordinator):
    old = IdeaFactory(sluice=sluice, contact_email="a@example.se")
    recent = IdeaFactory(sluice=sluice, contact_email="b@example.se")
    services.move_idea(coordinator, old, stages["closed_not_pursued"], answer="Nej tack.")
    services.move_idea(coordinator, recent, stages["closed_not_pursued"], answer="Nej tack.")
    Idea.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - timedelta(days=sluice.contact_retention_days + 1)
    )

    assert services.purge_contact_data() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact_email == ""
    assert recent.contact_email == "b@example.se"
    assert services.purge_contact_data() == 0


def test_add_stage_and_update_stage_type_only_when_empty(sluice, coordinator, stages, idea):
    stage = services.add_stage(
        coordinator, sluice, name_sv="Förstudie", name_en="Pre-study", stage_type="development"
    )
    assert stage.position > stages["closed_merged"].position
    with pytest.raises(ValidationError):
        services.update_stage(coordinator, stages["new"], stage_type="screening")
    services.update_stage(coordinator, stage, stage_type="test")
    stage.refresh_from_db()
    assert stage.stage_type == "test"


def test_member_not_coordinator_cannot_configure(sluice, coworker):
    with pytest.raises(PermissionDenied):
        services.add_stage(coworker, sluice, name_sv="X", stage_type="new")


def test_named_coordinator_may_manage_sluice(sluice, coordinator, outsider, idea, stages):
    services.set_coordinators(coordinator, sluice, [outsider])
    services.move_idea(outsider, idea, stages["screening"])
    idea.refresh_from_db()
    assert idea.stage == stages["screening"]


def test_purge_idea_contacts_command(sluice, stages, coordinator):
    from io import StringIO

    from django.core.management import call_command

    idea = IdeaFactory(sluice=sluice, contact_email="a@example.se")
    services.move_idea(coordinator, idea, stages["closed_not_pursued"], answer="Nej tack.")
    Idea.objects.filter(pk=idea.pk).update(closed_at=timezone.now() - timedelta(days=365))
    out = StringIO()
    call_command("purge_idea_contacts", stdout=out)
    assert "Deleted 1" in out.getvalue()


def test_personal_data_export_and_erase(idea, resident, outsider):
    from spira.ideas.privacy import erase_ideas, export_ideas

    services.support_idea(outsider, idea)
    assert export_ideas(resident)["ideas"][0]["title"] == idea.title
    erase_ideas(outsider)
    erase_ideas(resident)
    idea.refresh_from_db()
    assert idea.submitter is None
    assert idea.support_count == 0
