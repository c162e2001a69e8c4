from django import template

from spira.core.activity import action_label as _action_label

register = template.Library()


@register.filter
def action_label(code: str):
    return _action_label(code)


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for sort links and pagination)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
