from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from spira.accounts import services
from spira.accounts.api.serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenCreateSerializer,
    ApiTokenSerializer,
    MeSerializer,
)
from spira.accounts.filtersets import ApiTokenFilterSet
from spira.accounts.queries import apitoken_list_queryset


class MeViewSet(viewsets.GenericViewSet):
    """The account of whoever is calling (by session or token)."""

    serializer_class = MeSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = []
    pagination_class = None

    def get_object(self):
        return self.request.user

    @extend_schema(summary="Your own account")
    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(summary="Change your display name or preferred language")
    def partial_update(self, request, *args, **kwargs):
        user = self.get_object()
        serializer = self.get_serializer(user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_profile(request.user, user, **serializer.validated_data)
        return Response(self.get_serializer(user).data)


@extend_schema_view(
    list=extend_schema(summary="Your API tokens", description="`status`: active, expired or revoked."),
    create=extend_schema(
        summary="Create an API token",
        request=ApiTokenCreateSerializer,
        responses={201: ApiTokenCreatedSerializer},
        description="The answer holds the key; it is never shown again.",
    ),
    destroy=extend_schema(summary="Revoke an API token", responses={204: None}),
)
class ApiTokenViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Only the caller's own tokens exist here; revoking keeps the token, marked as revoked."""

    serializer_class = ApiTokenSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ApiTokenFilterSet

    def get_queryset(self):
        return apitoken_list_queryset(self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = ApiTokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = services.create_api_token(request.user, request.user, **serializer.validated_data)
        token.key = key
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        services.revoke_api_token(request.user, self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Revoke an API token", request=None, responses={200: ApiTokenSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request, *args, **kwargs):
        token = services.revoke_api_token(request.user, self.get_object())
        return Response(ApiTokenSerializer(token).data)
