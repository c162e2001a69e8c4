from django.utils import translation


class ApiLanguageMiddleware:
    """The API has no language prefix; its messages follow `?lang=` or the Accept-Language header.

    LocaleMiddleware gives every unprefixed path the default language (Swedish) because the pages
    use i18n_patterns without a prefix for Swedish; API clients choose with the header instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            requested = request.GET.get("lang", "")
            language = (
                requested
                if translation.check_for_language(requested) and requested in {"sv", "en"}
                else translation.get_language_from_request(request, check_path=False)
            )
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
