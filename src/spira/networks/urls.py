from django.urls import path
from django.views.generic import TemplateView

app_name = "networks"

urlpatterns = [
    path("", TemplateView.as_view(template_name="base.html"), name="network_list"),
    path(
        "organisation/<slug:slug>/",
        TemplateView.as_view(template_name="base.html"),
        name="organisation_networks",
    ),
]
