"""The moderators' import pages (upload a file, follow the progress)."""

urlpatterns: list = []
