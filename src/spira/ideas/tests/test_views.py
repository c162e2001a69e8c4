import pytest
from django.urls import reverse

from spira.ideas.choices import StageType
from spira.ideas.models import Idea, StageLog
from spira.ideas.tests.factories import (
    IdeaFactory,
    ReviewFactory,
    ReviewRoundFactory,
    SluiceFactory,
    stage_of,
)
from spira.search.index import index_objects

FORM = {
    "title": "Cykelpump vid biblioteket",
    "need": "Cyklister har ingenstans att pumpa däcken i centrum.",
    "description": "Sätt upp en offentlig cykelpump vid biblioteket.",
    "theme": "transport",
    "language": "sv",
    "is_public": "on",
    "contact_email": "robin@example.se",
    "website": "",
}


def test_sluice_list_shows_sluices(client, sluice):
    response = client.get(reverse("ideas:sluice_list"))
    assert response.status_code == 200
    assert "Piteås idésluss" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_sluice_list_query_count_is_fixed(client, db, django_assert_num_queries, count):
    SluiceFactory.create_batch(count)
    with django_assert_num_queries(2):
        response = client.get(reverse("ideas:sluice_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_sluice_detail_query_count_is_fixed(client, sluice, django_assert_num_queries, count):
    IdeaFactory.create_batch(count, sluice=sluice)
    with django_assert_num_queries(5):
        response = client.get(reverse("ideas:sluice_detail", kwargs={"slug": sluice.slug}))
    assert response.status_code == 200


def test_sluice_detail_hides_non_public_ideas_from_public(client, sluice):
    IdeaFactory(sluice=sluice, title="Öppen idé")
    IdeaFactory(sluice=sluice, title="Intern idé", is_public=False)
    content = client.get(reverse("ideas:sluice_detail", kwargs={"slug": sluice.slug})).content.decode()
    assert "Öppen idé" in content
    assert "Intern idé" not in content


def test_sluice_detail_exports_csv(client, sluice):
    IdeaFactory(sluice=sluice, title="Öppen idé")
    response = client.get(reverse("ideas:sluice_detail", kwargs={"slug": sluice.slug}) + "?format=csv")
    assert response.status_code == 200
    assert "Öppen idé" in b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("count", [1, 3])
def test_board_query_count_is_fixed(client, sluice, coordinator, django_assert_num_queries, count):
    IdeaFactory.create_batch(count, sluice=sluice)
    client.force_login(coordinator)
    client.get(reverse("ideas:sluice_board", kwargs={"slug": sluice.slug}))
    with django_assert_num_queries(8):
        response = client.get(reverse("ideas:sluice_board", kwargs={"slug": sluice.slug}))
    assert response.status_code == 200


def test_board_is_for_coordinators_only(client, sluice, coworker):
    client.force_login(coworker)
    assert client.get(reverse("ideas:sluice_board", kwargs={"slug": sluice.slug})).status_code == 403


def test_board_move_form_moves_idea(client, sluice, coordinator):
    idea = IdeaFactory(sluice=sluice)
    client.force_login(coordinator)
    board_url = reverse("ideas:sluice_board", kwargs={"slug": sluice.slug})
    response = client.post(
        reverse("ideas:idea_move", kwargs={"pk": idea.pk}),
        {"stage": stage_of(sluice, StageType.SCREENING).pk, "answer": "", "next": board_url},
    )
    assert response.status_code == 302
    assert response["Location"] == board_url
    idea.refresh_from_db()
    assert idea.stage.stage_type == StageType.SCREENING


def test_illegal_move_shows_message_and_changes_nothing(client, sluice, coordinator):
    idea = IdeaFactory(sluice=sluice)
    client.force_login(coordinator)
    response = client.post(
        reverse("ideas:idea_move", kwargs={"pk": idea.pk}),
        {"stage": stage_of(sluice, StageType.SPREAD).pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "kan inte flyttas" in response.content.decode() or "cannot move" in response.content.decode()
    assert StageLog.objects.filter(idea=idea).count() == 1


def test_move_with_nonsense_stage_is_a_message_not_500(client, sluice, coordinator):
    idea = IdeaFactory(sluice=sluice)
    client.force_login(coordinator)
    response = client.post(
        reverse("ideas:idea_move", kwargs={"pk": idea.pk}), {"stage": "x\x00"}, follow=True
    )
    assert response.status_code == 200
    idea.refresh_from_db()
    assert idea.stage.stage_type == StageType.NEW


def test_anonymous_submission_redirects_to_receipt_with_follow_link(client, sluice):
    response = client.post(reverse("ideas:idea_create", kwargs={"slug": sluice.slug}), FORM)
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ideas:idea_receipt", kwargs={"token": idea.follow_token})
    receipt = client.get(response["Location"]).content.decode()
    assert idea.get_follow_url() in receipt
    follow = client.get(idea.get_follow_url())
    assert follow.status_code == 200
    assert "Cykelpump vid biblioteket" in follow.content.decode()


def test_check_similar_button_rerenders_form_with_suggestions(client, sluice):
    other = IdeaFactory(
        sluice=SluiceFactory(), title="Cykelpump vid stationen", need="Cyklister behöver pumpa däcken."
    )
    index_objects(Idea, [other.pk])
    response = client.post(
        reverse("ideas:idea_create", kwargs={"slug": sluice.slug}), {**FORM, "check_similar": "1"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Cykelpump vid stationen" in content
    assert Idea.objects.count() == 1


def test_similar_partial_for_htmx(client, sluice):
    other = IdeaFactory(
        sluice=sluice, title="Cykelpump vid stationen", need="Cyklister behöver pumpa däcken."
    )
    index_objects(Idea, [other.pk])
    response = client.get(
        reverse("ideas:idea_similar", kwargs={"slug": sluice.slug}),
        {"title": "cykelpump"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Cykelpump vid stationen" in response.content.decode()


def test_honeypot_submission_is_refused_with_message(client, sluice):
    response = client.post(
        reverse("ideas:idea_create", kwargs={"slug": sluice.slug}), {**FORM, "website": "spam"}
    )
    assert response.status_code == 200
    assert Idea.objects.count() == 0


def test_unknown_follow_token_is_404(client, db):
    assert client.get(reverse("ideas:idea_follow", kwargs={"token": "nope"})).status_code == 404


def test_idea_detail_for_coordinator_shows_contact_and_tools(client, sluice, coordinator):
    idea = IdeaFactory(sluice=sluice, contact_email="robin@example.se")
    client.force_login(coordinator)
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "robin@example.se" in content
    assert reverse("ideas:idea_move", kwargs={"pk": idea.pk}) in content


def test_idea_detail_hides_contact_from_public(client, sluice):
    idea = IdeaFactory(sluice=sluice, contact_email="robin@example.se")
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "robin@example.se" not in content


def test_non_public_idea_is_404_for_public(client, sluice):
    idea = IdeaFactory(sluice=sluice, is_public=False)
    assert client.get(idea.get_absolute_url()).status_code == 404


def test_idea_history_lists_log(client, sluice, coordinator):
    idea = IdeaFactory(sluice=sluice)
    client.force_login(coordinator)
    client.post(
        reverse("ideas:idea_move", kwargs={"pk": idea.pk}),
        {"stage": stage_of(sluice, StageType.SCREENING).pk},
    )
    response = client.get(reverse("ideas:idea_history", kwargs={"pk": idea.pk}))
    assert response.status_code == 200


def test_review_form_saves_scores(client, sluice, coworker):
    idea = IdeaFactory(sluice=sluice)
    review = ReviewFactory(round=ReviewRoundFactory(idea=idea), reviewer=coworker)
    client.force_login(coworker)
    data = {f"score_{c.pk}": "4" for c in sluice.criteria.all()}
    response = client.post(reverse("ideas:review_form", kwargs={"pk": review.pk}), data)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.score == 75.0


def test_review_form_rejects_score_six(client, sluice, coworker):
    idea = IdeaFactory(sluice=sluice)
    review = ReviewFactory(round=ReviewRoundFactory(idea=idea), reviewer=coworker)
    client.force_login(coworker)
    data = {f"score_{c.pk}": "6" for c in sluice.criteria.all()}
    response = client.post(reverse("ideas:review_form", kwargs={"pk": review.pk}), data)
    assert response.status_code == 200
    review.refresh_from_db()
    assert review.submitted_at is None


def test_analytics_pages_and_csv(client, sluice):
    IdeaFactory.create_batch(2, sluice=sluice)
    for url in (reverse("ideas:analytics"), reverse("ideas:sluice_analytics", kwargs={"slug": sluice.slug})):
        response = client.get(url)
        assert response.status_code == 200
        assert "<title id=" in response.content.decode()
    csv = client.get(reverse("ideas:sluice_analytics", kwargs={"slug": sluice.slug}) + "?format=csv")
    assert "funnel,new,reached,2" in csv.content.decode()
    assert client.get(reverse("ideas:analytics") + "?format=xls").status_code == 400


def test_organisation_tab_lists_sluices(client, sluice):
    response = client.get(reverse("ideas:organisation_sluices", kwargs={"slug": sluice.organisation.slug}))
    assert response.status_code == 200
    assert "Piteås idésluss" in response.content.decode()


def test_settings_add_stage(client, sluice, coordinator):
    client.force_login(coordinator)
    url = reverse("ideas:sluice_settings", kwargs={"slug": sluice.slug})
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"form": "stage", "stage-name_sv": "Förstudie", "stage-stage_type": "development"}
    )
    assert response.status_code == 302
    assert sluice.stages.filter(name_sv="Förstudie").exists()


def test_create_sluice_page(client, municipality, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("ideas:sluice_create"),
        {
            "organisation": municipality.pk,
            "name": "Ny sluss",
            "target_group": "both",
            "is_open": "on",
            "contact_retention_days": "90",
        },
    )
    assert response.status_code == 302


def test_my_ideas_page(client, coworker, sluice):
    IdeaFactory(sluice=sluice, submitter=coworker, title="Min idé")
    client.force_login(coworker)
    assert "Min idé" in client.get(reverse("ideas:my_ideas")).content.decode()


def test_english_pages_answer(client, sluice):
    IdeaFactory(sluice=sluice)
    assert client.get("/en" + reverse("ideas:sluice_detail", kwargs={"slug": sluice.slug})).status_code == 200
