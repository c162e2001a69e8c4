from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """`?limit=&offset=` with a hard ceiling so no request asks for the whole table."""

    default_limit = 50
    max_limit = 1000
