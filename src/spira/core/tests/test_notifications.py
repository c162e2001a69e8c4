from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from spira.accounts.tests.factories import UserFactory
from spira.core import notifications, tasks
from spira.core.models import ALL_KINDS, Notification, NotificationFrequency, NotificationPreference
from spira.core.notifications import (
    make_unsubscribe_token,
    notify,
    register_notification_kind,
    send_digests,
    send_notification_email,
)
from spira.core.privacy import export_personal_data
from spira.core.tasks import send_notification_emails
from spira.core.tests.factories import NotificationFactory, NotificationPreferenceFactory

KIND = "core.report_handled"

pytestmark = pytest.mark.django_db


@pytest.fixture
def restore_kinds():
    saved = dict(notifications._kinds)
    yield
    notifications._kinds.clear()
    notifications._kinds.update(saved)


def test_notify_skips_the_actor_and_recipients_who_turned_the_kind_off():
    actor, wanted, silenced = UserFactory(), UserFactory(), UserFactory()
    NotificationPreferenceFactory(user=silenced, kind=KIND, frequency=NotificationFrequency.OFF)

    created = notify([actor, wanted, silenced, wanted], KIND, "Decided", "The text", "/x/", actor=actor)

    assert [n.recipient for n in created] == [wanted]
    assert list(Notification.objects.values_list("recipient_id", "title", "body", "url", "actor_id")) == [
        (wanted.pk, "Decided", "The text", "/x/", actor.pk)
    ]


def test_notify_turned_off_for_all_kinds_applies_unless_the_kind_was_chosen():
    everything_off, but_this_on = UserFactory(), UserFactory()
    NotificationPreferenceFactory(user=everything_off, kind=ALL_KINDS, frequency=NotificationFrequency.OFF)
    NotificationPreferenceFactory(user=but_this_on, kind=ALL_KINDS, frequency=NotificationFrequency.OFF)
    NotificationPreferenceFactory(user=but_this_on, kind=KIND, frequency=NotificationFrequency.WEEKLY)

    created = notify([everything_off, but_this_on], KIND, "Decided")

    assert [n.recipient for n in created] == [but_this_on]


def test_notify_rejects_an_unregistered_kind():
    with pytest.raises(ValueError, match="Unregistered"):
        notify([UserFactory()], "nowhere.nothing", "Title")


def test_register_notification_kind_rejects_an_unknown_default(restore_kinds):
    with pytest.raises(ValueError, match="Unknown frequency"):
        register_notification_kind("tests.kind", "Label", default_frequency="hourly")


def test_notify_renders_lazy_titles_in_each_recipients_language():
    swede, english = UserFactory(preferred_language="sv"), UserFactory(preferred_language="en")

    notify([swede, english], KIND, format_lazy("{}!", gettext_lazy("Reports")), gettext_lazy("Status"))

    assert dict(Notification.objects.values_list("recipient_id", "title")) == {
        swede.pk: "Anmälningar!",
        english.pk: "Reports!",
    }


def test_notify_emails_immediate_recipients_on_commit_and_not_digest_recipients(
    django_capture_on_commit_callbacks,
):
    immediate, daily = UserFactory(), UserFactory()
    NotificationPreferenceFactory(user=daily, kind=KIND, frequency=NotificationFrequency.DAILY)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify([immediate, daily], KIND, "Decided")
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[immediate.email]]
    assert Notification.objects.get(recipient=immediate).emailed_at is not None
    assert Notification.objects.get(recipient=daily).emailed_at is None


def test_email_task_sends_once_even_when_run_twice():
    notification = NotificationFactory()

    send_notification_emails.enqueue([notification.pk])
    send_notification_emails.enqueue([notification.pk])

    assert len(mail.outbox) == 1
    assert send_notification_email(notification.pk) is False
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_email_has_unsubscribe_link_and_one_click_headers():
    notification = NotificationFactory(title="Your report", body="It was handled.", url="/objekt/1/")

    send_notification_email(notification.pk)

    message = mail.outbox[0]
    token = make_unsubscribe_token(notification.recipient, KIND)
    link = "http://127.0.0.1:8000" + reverse("core:unsubscribe", args=[token])
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    assert "http://127.0.0.1:8000/objekt/1/" in message.body
    assert link in message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"


def test_email_language_follows_the_recipient():
    swede = NotificationFactory(recipient=UserFactory(preferred_language="sv"))
    english = NotificationFactory(recipient=UserFactory(preferred_language="en"))

    send_notification_email(swede.pk)
    send_notification_email(english.pk)

    swedish_mail, english_mail = mail.outbox
    assert "Hej " in swedish_mail.body
    assert "/meddelanden/avregistrera/" in swedish_mail.body
    assert "/en/" not in swedish_mail.body
    assert "Hello " in english_mail.body
    assert "/en/meddelanden/avregistrera/" in english_mail.body


def test_send_digests_groups_each_persons_notifications_into_one_email():
    daily_person, weekly_person, immediate_person = UserFactory(), UserFactory(), UserFactory()
    NotificationPreferenceFactory(user=daily_person, kind=KIND, frequency=NotificationFrequency.DAILY)
    NotificationPreferenceFactory(user=weekly_person, kind=KIND, frequency=NotificationFrequency.WEEKLY)
    first = NotificationFactory(recipient=daily_person, title="First")
    second = NotificationFactory(recipient=daily_person, title="Second")
    NotificationFactory(recipient=daily_person, title="Already read", read_at=timezone.now())
    NotificationFactory(recipient=weekly_person, title="Weekly")
    NotificationFactory(recipient=immediate_person, title="Immediate")

    result = send_digests("daily")

    assert result == {"recipients": 1, "notifications": 2}
    assert [m.to for m in mail.outbox] == [[daily_person.email]]
    assert "First" in mail.outbox[0].body
    assert "Second" in mail.outbox[0].body
    assert "Already read" not in mail.outbox[0].body
    assert set(Notification.objects.filter(digest_sent_at__isnull=False)) == {first, second}


def test_send_digests_twice_sends_nothing_the_second_time():
    person = UserFactory()
    NotificationPreferenceFactory(user=person, kind=KIND, frequency=NotificationFrequency.WEEKLY)
    NotificationFactory(recipient=person)

    send_digests("weekly")
    second = send_digests("weekly")

    assert second == {"recipients": 0, "notifications": 0}
    assert len(mail.outbox) == 1


def test_send_digests_command_reports_what_it_sent(capsys):
    person = UserFactory()
    NotificationPreferenceFactory(user=person, kind=KIND, frequency=NotificationFrequency.DAILY)
    NotificationFactory(recipient=person)

    call_command("send_digests", "daily")

    assert capsys.readouterr().out == "Sent 1 daily summaries with 1 notifications.\n"


def test_purge_notifications_deletes_only_old_read_ones():
    old_read = NotificationFactory(read_at=timezone.now())
    Notification.objects.filter(pk=old_read.pk).update(created_at=timezone.now() - timedelta(days=200))
    kept_unread = NotificationFactory()

    call_command("purge_notifications", "--days", "180", stdout=None)

    assert list(Notification.objects.all()) == [kept_unread]


def test_unsubscribe_link_works_without_logging_in(client):
    user = UserFactory()
    url = reverse("core:unsubscribe", args=[make_unsubscribe_token(user, KIND)])

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 200
    assert user.email in page.content.decode()
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=user, kind=KIND).frequency == NotificationFrequency.OFF
    assert notify([user], KIND, "Anything") == []


def test_unsubscribe_from_everything_turns_off_every_kind(client):
    user = UserFactory()
    url = reverse("core:unsubscribe", args=[make_unsubscribe_token(user, ALL_KINDS)])

    client.post(url)

    assert set(notifications.preferences_of(user).values()) == {NotificationFrequency.OFF}
    assert NotificationPreference.objects.filter(user=user, kind=ALL_KINDS).exists()


def test_one_click_unsubscribe_needs_no_csrf_token():
    from django.test import Client

    user = UserFactory()
    url = reverse("core:unsubscribe", args=[make_unsubscribe_token(user, KIND)])

    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=user, kind=KIND).frequency == NotificationFrequency.OFF


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "not-a-token",
    ],
)
def test_unsubscribe_with_a_tampered_token_changes_nothing(client, tamper):
    user = UserFactory()
    url = reverse("core:unsubscribe", args=[tamper(make_unsubscribe_token(user, KIND))])

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 400
    assert response.status_code == 400
    assert "inte giltig" in response.content.decode()
    assert NotificationPreference.objects.count() == 0


def test_unsubscribe_with_an_expired_token_changes_nothing(client, monkeypatch):
    user = UserFactory()
    url = reverse("core:unsubscribe", args=[make_unsubscribe_token(user, KIND)])
    monkeypatch.setattr(notifications, "UNSUBSCRIBE_MAX_AGE", -1)

    response = client.post(url)

    assert response.status_code == 400
    assert "gått ut" in response.content.decode()
    assert NotificationPreference.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_notification_list_query_count(client, django_assert_num_queries, count):
    user = UserFactory()
    NotificationFactory.create_batch(count, recipient=user, actor=UserFactory())
    client.force_login(user)

    # session, user, page count, page rows (actor joined), unread count in the header
    with django_assert_num_queries(5):
        response = client.get(reverse("core:notification_list"))

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == count


def test_notification_list_shows_unread_first_and_only_ones_own(client):
    user = UserFactory()
    read = NotificationFactory(recipient=user, read_at=timezone.now(), title="Read")
    unread = NotificationFactory(recipient=user, title="Unread")
    NotificationFactory(title="Someone else's")
    Notification.objects.filter(pk=read.pk).update(created_at=timezone.now() + timedelta(minutes=1))
    client.force_login(user)

    response = client.get(reverse("core:notification_list"))

    assert list(response.context["page_obj"]) == [unread, read]
    assert response.context["unread_notification_count"] == 1


def test_notification_list_needs_login(client):
    response = client.get(reverse("core:notification_list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_mark_one_read_without_javascript_redirects_back(client):
    notification = NotificationFactory()
    client.force_login(notification.recipient)

    response = client.post(reverse("core:notification_mark_read", args=[notification.pk]))

    assert response.status_code == 302
    assert response.url == reverse("core:notification_list")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_one_read_with_htmx_returns_the_row(client):
    notification = NotificationFactory(title="Row title")
    client.force_login(notification.recipient)

    response = client.post(
        reverse("core:notification_mark_read", args=[notification.pk]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response.content.decode().strip().startswith("<li")
    assert "Row title" in response.content.decode()


def test_mark_read_of_someone_elses_notification_is_not_found(client):
    notification = NotificationFactory()
    client.force_login(UserFactory())

    response = client.post(reverse("core:notification_mark_read", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_marks_only_own_notifications(client):
    user = UserFactory()
    NotificationFactory.create_batch(2, recipient=user)
    other = NotificationFactory()
    client.force_login(user)

    response = client.post(reverse("core:notification_mark_all_read"), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert Notification.objects.for_user(user).unread().count() == 0
    other.refresh_from_db()
    assert other.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(client):
    notification = NotificationFactory(url="/organisationer/")
    client.force_login(notification.recipient)

    response = client.get(reverse("core:notification_open", args=[notification.pk]))

    assert response.status_code == 302
    assert response.url == "/organisationer/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_a_notification_never_redirects_off_site(client):
    notification = NotificationFactory(url="https://evil.example/")
    client.force_login(notification.recipient)

    response = client.get(reverse("core:notification_open", args=[notification.pk]))

    assert response.url == reverse("core:notification_list")


def test_settings_page_saves_a_frequency_per_kind(client):
    user = UserFactory()
    NotificationPreferenceFactory(user=user, kind=ALL_KINDS, frequency=NotificationFrequency.OFF)
    client.force_login(user)
    data = {f"kind_{code.replace('.', '__')}": "weekly" for code in notifications.preferences_of(user)}
    data["kind_core__report_handled"] = "daily"

    page = client.get(reverse("core:notification_settings"))
    response = client.post(reverse("core:notification_settings"), data)

    assert page.status_code == 200
    assert "En anmälan som du gjort har hanterats" in page.content.decode()
    assert response.status_code == 302
    assert notifications.preferences_of(user)[KIND] == "daily"
    assert notifications.preferences_of(user)["core.content_hidden"] == "weekly"
    assert not NotificationPreference.objects.filter(user=user, kind=ALL_KINDS).exists()


def test_settings_page_refuses_an_unknown_frequency_and_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)
    data = {f"kind_{code.replace('.', '__')}": "weekly" for code in notifications.preferences_of(user)}
    data["kind_core__report_handled"] = "hourly"

    response = client.post(reverse("core:notification_settings"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["kind_core__report_handled"]
    assert NotificationPreference.objects.count() == 0


def test_unread_count_is_shown_in_the_header(client):
    user = UserFactory()
    NotificationFactory.create_batch(2, recipient=user)
    client.force_login(user)

    response = client.get("/")

    assert (
        '<span class="badge">2<span class="visually-hidden"> olästa</span></span>'
        in response.content.decode()
    )


def test_personal_data_export_and_erasure_cover_notifications():
    user, actor = UserFactory(), UserFactory()
    NotificationFactory(recipient=user, title="Mine")
    caused = NotificationFactory(actor=user)
    NotificationPreferenceFactory(user=user)
    NotificationFactory(recipient=actor)

    exported = export_personal_data(user)["notifications"]
    notifications.erase_notifications(user)

    assert [n["title"] for n in exported["notifications"]] == ["Mine"]
    assert exported["preferences"] == [{"kind": KIND, "frequency": "daily"}]
    assert not Notification.objects.filter(recipient=user).exists()
    assert not NotificationPreference.objects.filter(user=user).exists()
    caused.refresh_from_db()
    assert caused.actor is None


def test_digest_task_sends_the_weekly_summaries():
    person = UserFactory(preferred_language="en")
    NotificationPreferenceFactory(user=person, kind=KIND, frequency=NotificationFrequency.WEEKLY)
    NotificationFactory(recipient=person, title="Weekly news")

    result = tasks.send_digests.enqueue("weekly")

    assert result.return_value == {"recipients": 1, "notifications": 1}
    assert mail.outbox[0].subject == "[Spira] Your weekly summary"
    assert "Weekly news" in mail.outbox[0].alternatives[0][0]
