import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from spira.accounts.tests.factories import UserFactory
from spira.core.activity import action_label
from spira.core.models import ActivityLogEntry, ContentReport, Moderatable, Notification, ReportStatus
from spira.core.moderation import (
    dismiss_report,
    erase_reports,
    hide_content,
    is_moderatable,
    register_moderatable,
    report_content,
    restore_content,
    unregister_moderatable,
)
from spira.core.permissions import is_moderator
from spira.core.privacy import export_personal_data
from spira.core.tests.factories import ActivityLogEntryFactory, ContentReportFactory


@pytest.fixture(scope="module")
def gadget_model(django_db_setup, django_db_blocker):
    """A throwaway moderatable model, registered for this module only and never in a migration.

    Its table is made outside the test transactions, which SQLite requires for schema changes.
    """

    class Gadget(Moderatable):
        title = models.CharField(max_length=100)
        author = models.ForeignKey(
            settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
        )

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return self.title

        def get_absolute_url(self) -> str:
            return f"/gadget/{self.pk}/"

    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.create_model(Gadget)
    register_moderatable(Gadget, owner_attr="author")
    yield Gadget
    unregister_moderatable(Gadget)
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.delete_model(Gadget)
    del apps.all_models["core"]["gadget"]
    apps.clear_cache()


@pytest.fixture(autouse=True)
def _fresh_caches():
    cache.clear()
    yield
    # Content types made inside a rolled-back test must not be remembered by the next test.
    ContentType.objects.clear_cache()


@pytest.fixture
def gadget(db, gadget_model):
    return gadget_model.objects.create(title="A gadget", author=UserFactory())


@pytest.fixture
def moderator(db):
    return UserFactory(platform_role="moderator")


def report_url(obj) -> str:
    return obj.get_report_url()


def hide_url(obj) -> str:
    return reverse("core:moderation_hide", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def restore_url(obj) -> str:
    return reverse("core:moderation_restore", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def dismiss_url(obj) -> str:
    return reverse("core:moderation_dismiss", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def render_hidden_or(obj, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(
        "core/moderation/_hidden_or.html", {"object": obj, "content": "The original text"}, request=request
    )


def test_report_queue_hide_placeholder_restore(client, gadget, moderator):
    reporter = UserFactory()
    client.force_login(reporter)
    reported = client.post(report_url(gadget), {"reason": "offensive", "message": "Rude words."})
    client.force_login(moderator)
    queue = client.get(reverse("core:moderation_queue"))

    hidden = client.post(hide_url(gadget), {"reason": "Breaks the rules on respectful language."})

    gadget.refresh_from_db()
    assert reported.status_code == 200
    assert queue.status_code == 200
    assert "A gadget" in queue.content.decode()
    assert "Rude words." in queue.content.decode()
    assert hidden.status_code == 302
    assert gadget.is_hidden is True
    assert gadget.hidden_by == moderator
    assert ContentReport.objects.get().status == ReportStatus.ACTIONED
    placeholder = render_hidden_or(gadget, UserFactory())
    assert "Breaks the rules on respectful language." in placeholder
    assert "The original text" not in placeholder
    assert "The original text" in render_hidden_or(gadget, moderator)

    restored = client.post(restore_url(gadget), {"restore-note": "The author rephrased it."})

    gadget.refresh_from_db()
    assert restored.status_code == 302
    assert gadget.is_hidden is False
    assert gadget.hidden_reason == ""
    assert "The original text" in render_hidden_or(gadget, UserFactory())
    assert list(ActivityLogEntry.objects.for_object(gadget).values_list("action", flat=True)) == [
        "core.content.restored",
        "core.content.hidden",
        "core.content.reported",
    ]


def test_hide_content_tells_the_owner_and_the_reporters(gadget, moderator):
    report = ContentReportFactory(content_object=gadget)

    hide_content(moderator, gadget, "Advertising.")

    assert set(Notification.objects.values_list("recipient_id", "kind", "body")) == {
        (gadget.author_id, "core.content_hidden", "Advertising."),
        (report.reporter_id, "core.report_handled", "Innehållet har dolts."),
    }


def test_non_moderator_cannot_hide_and_nothing_changes(client, gadget):
    ContentReportFactory(content_object=gadget)
    client.force_login(UserFactory())

    response = client.post(hide_url(gadget), {"reason": "I do not like it."})

    gadget.refresh_from_db()
    assert response.status_code == 403
    assert gadget.is_hidden is False
    assert ContentReport.objects.get().status == ReportStatus.OPEN
    assert not ActivityLogEntry.objects.for_object(gadget).exists()


def test_hide_content_service_refuses_a_non_moderator(gadget):
    with pytest.raises(PermissionDenied):
        hide_content(UserFactory(), gadget, "Reason")


def test_anonymous_visitor_is_sent_to_log_in_from_moderation_actions(client, gadget):
    response = client.post(hide_url(gadget), {"reason": "Reason"})

    gadget.refresh_from_db()
    assert response.status_code == 302
    assert gadget.is_hidden is False


@pytest.mark.parametrize("reason", ["", "   "])
def test_hide_without_a_reason_is_refused_and_changes_nothing(client, gadget, moderator, reason):
    ContentReportFactory(content_object=gadget)
    client.force_login(moderator)

    response = client.post(hide_url(gadget), {"reason": reason})

    gadget.refresh_from_db()
    assert response.status_code == 400
    assert "Ange ett skäl" in response.content.decode()
    assert gadget.is_hidden is False
    assert ContentReport.objects.get().status == ReportStatus.OPEN
    with pytest.raises(ValidationError) as error:
        hide_content(moderator, gadget, reason)
    assert list(error.value.message_dict) == ["reason"]


def test_hiding_hidden_content_again_is_refused(client, gadget, moderator):
    hide_content(moderator, gadget, "First reason.")
    client.force_login(moderator)

    response = client.post(hide_url(gadget), {"reason": "Second reason."})

    gadget.refresh_from_db()
    assert response.status_code == 400
    assert gadget.hidden_reason == "First reason."


def test_restore_of_visible_content_is_refused(gadget, moderator):
    with pytest.raises(ValidationError):
        restore_content(moderator, gadget, "")


def test_dismissing_reports_closes_them_and_logs_on_the_object(client, gadget, moderator):
    first, second = ContentReportFactory.create_batch(2, content_object=gadget)
    client.force_login(moderator)

    response = client.post(dismiss_url(gadget), {"dismiss-note": "Within the rules."})

    assert response.status_code == 302
    assert set(ContentReport.objects.values_list("status", "decision_note", "handled_by")) == {
        (ReportStatus.DISMISSED, "Within the rules.", moderator.pk)
    }
    assert list(ActivityLogEntry.objects.for_object(gadget).values_list("action", flat=True)) == [
        "core.report.dismissed",
        "core.report.dismissed",
    ]
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {
        first.reporter_id,
        second.reporter_id,
    }


def test_dismiss_report_refuses_a_handled_report(gadget, moderator):
    report = ContentReportFactory(content_object=gadget, status=ReportStatus.DISMISSED)

    with pytest.raises(ValidationError):
        dismiss_report(moderator, report, "")


def test_dismiss_report_refuses_a_non_moderator(gadget):
    report = ContentReportFactory(content_object=gadget)

    with pytest.raises(PermissionDenied):
        dismiss_report(UserFactory(), report, "")
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_anonymous_report_is_allowed_and_logged_without_actor(client, gadget):
    response = client.post(report_url(gadget), {"reason": "spam", "message": ""})

    report = ContentReport.objects.get()
    entry = ActivityLogEntry.objects.for_object(gadget).get()
    assert response.status_code == 200
    assert report.reporter is None
    assert report.content_object == gadget
    assert entry.actor is None
    assert entry.action == "core.content.reported"


def test_moderators_are_told_about_new_reports(gadget, moderator):
    report_content(UserFactory(), gadget, "spam", "")

    assert list(Notification.objects.values_list("recipient_id", "kind")) == [
        (moderator.pk, "core.content_reported")
    ]


def test_anonymous_reports_are_limited_per_ip_address(client, gadget):
    for _ in range(10):
        assert client.post(report_url(gadget), {"reason": "spam"}, REMOTE_ADDR="10.0.0.1").status_code == 200

    refused = client.post(report_url(gadget), {"reason": "spam"}, REMOTE_ADDR="10.0.0.1")
    other_ip = client.post(report_url(gadget), {"reason": "spam"}, REMOTE_ADDR="10.0.0.2")

    assert "många anmälningar" in refused.content.decode()
    assert other_ip.status_code == 200
    assert ContentReport.objects.count() == 11


def test_reporting_the_same_content_twice_is_refused(gadget):
    reporter = UserFactory()
    report_content(reporter, gadget, "spam", "")

    with pytest.raises(ValidationError):
        report_content(reporter, gadget, "spam", "")
    assert ContentReport.objects.count() == 1


def test_report_form_with_an_unknown_reason_shows_the_form_with_errors(client, gadget):
    response = client.post(report_url(gadget), {"reason": "boring", "message": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert ContentReport.objects.count() == 0


def test_report_form_is_shown_with_labelled_reasons(client, gadget):
    response = client.get(report_url(gadget))

    assert response.status_code == 200
    assert "Kränkande eller stötande" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        lambda ct, obj: reverse("core:report_content", args=[999999, obj.pk]),
        lambda ct, obj: reverse("core:report_content", args=[ct, 999999]),
        lambda ct, obj: reverse("core:report_content", args=[ct, "not-a-number"]),
        lambda ct, obj: reverse(
            "core:report_content", args=[ContentType.objects.get_for_model(obj.author).pk, obj.author.pk]
        ),
    ],
    ids=["unknown-type", "unknown-object", "bad-id", "unregistered-model"],
)
def test_report_form_for_unknown_content_is_not_found(client, gadget, url):
    content_type_id = ContentType.objects.get_for_model(gadget).pk

    response = client.get(url(content_type_id, gadget))

    assert response.status_code == 404


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reason=st.text(max_size=50), message=st.text(max_size=3000))
def test_report_form_never_fails_on_any_text(client, gadget, reason, message):
    response = client.post(report_url(gadget), {"reason": reason, "message": message})

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_moderation_queue_query_count(client, gadget_model, moderator, django_assert_num_queries, count):
    for number in range(count):
        ContentReportFactory(content_object=gadget_model.objects.create(title=f"Gadget {number}"))
    ContentType.objects.get_for_model(gadget_model)
    client.force_login(moderator)

    # session, user, page count, page of groups, their reports, the gadgets, unread count
    with django_assert_num_queries(7):
        response = client.get(reverse("core:moderation_queue"))

    assert len(response.context["groups"]) == count


def test_moderation_queue_groups_reports_by_object_and_filters(client, gadget, moderator, gadget_model):
    other = gadget_model.objects.create(title="Other gadget")
    ContentReportFactory.create_batch(2, content_object=gadget, reason="spam")
    ContentReportFactory(content_object=other, reason="off_topic")
    ContentReportFactory(content_object=other, reason="spam", status=ReportStatus.DISMISSED)
    client.force_login(moderator)

    everything_open = client.get(reverse("core:moderation_queue"))
    off_topic = client.get(reverse("core:moderation_queue"), {"reason": "off_topic"})
    dismissed = client.get(reverse("core:moderation_queue"), {"status": "dismissed"})

    assert {(g["object"], g["report_count"]) for g in everything_open.context["groups"]} == {
        (gadget, 2),
        (other, 1),
    }
    assert [g["object"] for g in off_topic.context["groups"]] == [other]
    assert [g["object"] for g in dismissed.context["groups"]] == [other]


def test_moderation_queue_is_only_for_moderators(client, db):
    client.force_login(UserFactory())

    response = client.get(reverse("core:moderation_queue"))

    assert response.status_code == 403


def test_moderation_object_page_lists_every_report(client, gadget, moderator):
    ContentReportFactory(content_object=gadget, message="First complaint")
    client.force_login(moderator)

    response = client.get(gadget.get_moderation_url())

    assert response.status_code == 200
    assert "First complaint" in response.content.decode()


def test_moderation_rules_agree_with_is_moderator(db):
    people = [
        UserFactory(),
        UserFactory(platform_role="moderator"),
        UserFactory(platform_role="administrator"),
        UserFactory(is_superuser=True),
    ]

    answers = [
        {
            perm: person.has_perm(perm)
            for perm in ("core.moderate", "core.hide_content", "core.dismiss_report")
        }
        for person in people
    ]

    assert answers == [dict.fromkeys(answers[0], bool(is_moderator(person))) for person in people]
    assert [bool(is_moderator(person)) for person in people] == [False, True, True, True]


def test_register_moderatable_refuses_a_model_without_the_mixin():
    from spira.organisations.models import Organisation

    with pytest.raises(TypeError):
        register_moderatable(Organisation)
    assert is_moderatable(Organisation) is False


def test_moderation_steps_have_swedish_labels_in_the_history(gadget):
    entry = ActivityLogEntryFactory(content_object=gadget, action="core.content.hidden")

    with translation.override("sv"):
        label = str(action_label(entry.action))

    assert label == "dolde innehållet"


def test_personal_data_export_and_erasure_keep_reports_without_the_reporter(gadget):
    reporter = UserFactory()
    report = ContentReportFactory(content_object=gadget, reporter=reporter, message="My own words")

    exported = export_personal_data(reporter)["content_reports"]
    erase_reports(reporter)

    report.refresh_from_db()
    assert [(r["reason"], r["message"]) for r in exported] == [("spam", "My own words")]
    assert report.reporter is None
    assert report.message == ""
    assert report.status == ReportStatus.OPEN


def test_report_link_include_points_to_the_report_form(gadget):
    rendered = render_to_string("core/moderation/_report_link.html", {"object": gadget})

    assert f'href="{gadget.get_report_url()}"' in rendered
    assert gadget.get_report_url() == reverse(
        "core:report_content", args=[ContentType.objects.get_for_model(gadget).pk, gadget.pk]
    )
