"""The Atom feed of newly published initiatives (/initiativ/flode/, /en/initiativ/flode/)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from spira.initiatives.models import Initiative

FEED_SIZE = 50


class NewInitiativesFeed(Feed):
    feed_type = Atom1Feed
    title = _("New initiatives on Spira")
    subtitle = _("Initiatives newly published in Spira's case library of public-sector innovation.")

    def link(self):
        return reverse("initiatives:initiative_list")

    def feed_url(self):
        return reverse("initiatives:initiative_feed")

    def items(self):
        return (
            Initiative.objects.published()
            .select_related("coordinator")
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item: Initiative) -> str:
        return item.title

    def item_description(self, item: Initiative) -> str:
        # Plain text: the feed generator escapes it, so no markup from authors reaches readers.
        return item.summary

    def item_link(self, item: Initiative) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Initiative) -> str:
        return f"spira:initiative:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Initiative):
        return item.published_at

    def item_updateddate(self, item: Initiative):
        return item.updated_at

    def item_author_name(self, item: Initiative) -> str | None:
        return item.coordinator.display_name if item.coordinator else None

    def item_categories(self, item: Initiative):
        return [item.get_sector_display()] if item.sector else []
