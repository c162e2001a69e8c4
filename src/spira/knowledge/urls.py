from django.urls import path

from spira.knowledge import views

app_name = "knowledge"

# "ny" and "samlingar" are reserved slugs (services.RESERVED_SLUGS).
urlpatterns = [
    path("", views.KnowledgeResourceListView.as_view(), name="resource_list"),
    path("ny/", views.KnowledgeResourceCreateView.as_view(), name="resource_create"),
    path("samlingar/", views.CollectionListView.as_view(), name="collection_list"),
    path("samlingar/ny/", views.CollectionCreateView.as_view(), name="collection_create"),
    path("samlingar/<slug:slug>/", views.CollectionDetailView.as_view(), name="collection_detail"),
    path("<slug:slug>/", views.KnowledgeResourceDetailView.as_view(), name="resource_detail"),
    path("<slug:slug>/redigera/", views.KnowledgeResourceUpdateView.as_view(), name="resource_update"),
    path("<slug:slug>/historik/", views.KnowledgeResourceHistoryView.as_view(), name="resource_history"),
    path("<slug:slug>/anvant/", views.MarkUsedView.as_view(), name="resource_used"),
    path("<slug:slug>/recension/", views.ReviewView.as_view(), name="resource_review"),
    path("<slug:slug>/samling/", views.AddToCollectionView.as_view(), name="resource_collect"),
]
