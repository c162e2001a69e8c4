from rest_framework import viewsets

from spira.core.api.permissions import ReadOnlyOrAuthenticated, RulesObjectPermission


class VisibleQuerysetMixin:
    """Lists through the API show what `visible_to(user)` allows, like the HTML lists."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(self.request.user)
        return queryset


class SpiraReadOnlyViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOnlyOrAuthenticated, RulesObjectPermission]


class SpiraModelViewSet(VisibleQuerysetMixin, viewsets.ModelViewSet):
    """Writes go through the app's services; subclasses override perform_create/update."""

    permission_classes = [ReadOnlyOrAuthenticated, RulesObjectPermission]
