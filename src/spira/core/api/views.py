from rest_framework import status, viewsets
from rest_framework.response import Response

from spira.core.api.permissions import ReadOnlyOrAuthenticated, RulesObjectPermission


class VisibleQuerysetMixin:
    """Lists through the API show what `visible_to(user)` allows, like the HTML lists."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(self.request.user)
        return queryset


class ServiceActionMixin:
    """POST actions on one object (`@action(detail=True)`) that run one service."""

    def run_action(self, input_class, service, output_class, *, status_code: int = status.HTTP_200_OK):
        """Check the body with `input_class`, call `service(user, obj, **validated_data)` and answer
        with `output_class` of what it returns.

        The service's ValidationError and PermissionDenied need no handling here: the API's
        exception handler (`core.api.exceptions`) answers them as JSON 400 and 403. The schema
        comes from the action's `@extend_schema(request=input_class, responses=output_class)`.
        """
        obj = self.get_object()
        data = input_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        result = service(self.request.user, obj, **data.validated_data)
        return Response(output_class(result, context=self.get_serializer_context()).data, status=status_code)


class SpiraReadOnlyViewSet(VisibleQuerysetMixin, ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOnlyOrAuthenticated, RulesObjectPermission]


class SpiraModelViewSet(VisibleQuerysetMixin, ServiceActionMixin, viewsets.ModelViewSet):
    """Writes go through the app's services; subclasses override perform_create/update."""

    permission_classes = [ReadOnlyOrAuthenticated, RulesObjectPermission]
