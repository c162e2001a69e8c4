from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _


def text(value) -> str:
    """A one-line text with its whitespace collapsed."""
    return " ".join(str(value or "").split())


def check_fields(values: dict, allowed) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})


def require(values: dict, name: str, message) -> None:
    if not text(values.get(name)):
        raise ValidationError({name: message})


def check_length(value: str, name: str, limit: int) -> None:
    if len(value) > limit:
        raise ValidationError({name: _("Write at most %(count)d characters.") % {"count": limit}})


def unique_slug(queryset, title: str, fallback: str, reserved=frozenset(), max_length: int = 110) -> str:
    base = slugify(title)[:max_length] or fallback
    slug, number = base, 2
    while slug in reserved or queryset.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug
