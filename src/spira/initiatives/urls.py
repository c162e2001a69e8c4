from django.urls import include, path

app_name = "initiatives"

urlpatterns = [
    path("import/", include("spira.initiatives.urls_imports")),
]
