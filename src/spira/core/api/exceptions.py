"""All API errors as `{"detail": "...", "errors": {field: [messages]}}`, in the request's language."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class RequestTooLarge(exceptions.APIException):
    """DRF reads JSON bodies through `request.body`, which raises Django's RequestDataTooBig above
    DATA_UPLOAD_MAX_MEMORY_SIZE; answered as a JSON 413 instead of an HTML 400."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _lazy("The request body is too large.")
    default_code = "request_too_large"


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        errors: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub_key, sub_value in _flatten(value).items():
                    errors[f"{key}.{sub_key}"] = sub_value
            elif isinstance(value, list):
                errors[str(key)] = [str(v) for v in value if not isinstance(v, dict)] or [
                    str(v) for v in value
                ]
            else:
                errors[str(key)] = [str(value)]
        return errors
    if isinstance(detail, list):
        return {"non_field_errors": [str(v) for v in detail]}
    return {}


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        response.data = {"detail": _("The request contains invalid data."), "errors": errors}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = {"detail": str(detail), "errors": {}}
    return response


def json_error_response(message: str, status_code: int = status.HTTP_400_BAD_REQUEST) -> Response:
    return Response({"detail": message, "errors": {}}, status=status_code)
