from rest_framework import permissions


class ReadOnlyOrAuthenticated(permissions.BasePermission):
    """Reading is open; writing needs a logged-in user (object rules decide the rest)."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)


class RulesObjectPermission(permissions.BasePermission):
    """Object-level checks through `rules`: `<app>.change_<model>` for writes, view for reads."""

    actions = {
        "GET": "view",
        "HEAD": "view",
        "OPTIONS": "view",
        "PUT": "change",
        "PATCH": "change",
        "DELETE": "delete",
    }

    def has_object_permission(self, request, view, obj) -> bool:
        action = self.actions.get(request.method, "change")
        meta = obj._meta
        return request.user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}", obj)
