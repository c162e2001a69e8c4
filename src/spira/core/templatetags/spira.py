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


@register.simple_block_tag(takes_context=True)
def filter_sidebar(context, content, label, search_label="", live_search=False, heading_level=2):
    """The filter form beside a list and the results it updates in place (`includes/filter_sidebar.html`).

    `content` is the list's own fields, mostly `includes/filter_choices.html` (a fieldset of check
    boxes with its legend) and `includes/filter_field.html` (a widget with its label). `label` names
    the search landmark, `search_label` adds the `q` field, `live_search` filters while typing in it,
    and `heading_level` is the level of the hidden "Filters" heading. The include's own variables
    have names that the results template (rendered inside it) is unlikely to use.
    """
    values = {
        "filter_fields": content,
        "filter_label": label,
        "search_label": search_label,
        "live_search": live_search,
        "filter_heading_level": heading_level,
    }
    with context.push(**values):
        return context.template.engine.get_template("includes/filter_sidebar.html").render(context)
