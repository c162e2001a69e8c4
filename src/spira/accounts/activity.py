from django.utils.translation import gettext_lazy as _

from spira.core.activity import register_actions


def register() -> None:
    register_actions(
        {
            "accounts.user.registered": _("created an account"),
            "accounts.user.updated": _("updated the profile"),
            "accounts.user.password_changed": _("changed the password"),
            "accounts.user.role_changed": _("changed the platform role"),
            "accounts.user.erased": _("erased an account"),
            "accounts.apitoken.created": _("created an API token"),
            "accounts.apitoken.revoked": _("revoked an API token"),
        }
    )
