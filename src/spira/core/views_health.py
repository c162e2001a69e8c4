"""`/healthz`: a liveness probe for load balancers, and the ceiling in the load benchmark.

It touches neither the database nor templates, so it measures what the web stack alone costs.
"""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
