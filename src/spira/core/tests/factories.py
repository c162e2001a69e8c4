"""Factories for core. No surprises: a NotificationFactory is an unread, un-e-mailed notification of
the registered kind "core.report_handled" to a new user; a ContentReportFactory is an open spam report
by a new user about the `content_object` you pass; an ActivityLogEntryFactory records that a new user
did "core.content.reported" to the `content_object` you pass."""

import factory
from django.contrib.contenttypes.models import ContentType

from spira.accounts.tests.factories import UserFactory
from spira.core.models import (
    ActivityLogEntry,
    ContentReport,
    Notification,
    NotificationFrequency,
    NotificationPreference,
    ReportReason,
    ReportStatus,
)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "core.report_handled"
    title = factory.Sequence(lambda n: f"Notification {n}")
    body = "Something happened."
    url = "/"


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)
    kind = "core.report_handled"
    frequency = NotificationFrequency.DAILY


class ContentReportFactory(factory.django.DjangoModelFactory):
    """Pass `content_object=...` (any saved model instance)."""

    class Meta:
        model = ContentReport
        exclude = ["content_object"]

    content_object = None
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.content_object))
    object_id = factory.LazyAttribute(lambda o: str(o.content_object.pk))
    reporter = factory.SubFactory(UserFactory)
    reason = ReportReason.SPAM
    message = "Advertising for a shop."
    status = ReportStatus.OPEN


class ActivityLogEntryFactory(factory.django.DjangoModelFactory):
    """Pass `content_object=...` (any saved model instance)."""

    class Meta:
        model = ActivityLogEntry
        exclude = ["content_object"]

    content_object = None
    actor = factory.SubFactory(UserFactory)
    action = "core.content.reported"
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.content_object))
    object_id = factory.LazyAttribute(lambda o: str(o.content_object.pk))
    object_repr = factory.LazyAttribute(lambda o: str(o.content_object)[:300])
