from rest_framework.routers import DefaultRouter

from spira.barriers.api import views

app_name = "barriers"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("barriers", views.BarrierViewSet, basename="barrier")
router.register("endorsements", views.EndorsementViewSet, basename="endorsement")
router.register("escalations", views.EscalationViewSet, basename="escalation")
router.register("answers", views.AnswerViewSet, basename="answer")
router.register("workshops", views.WorkshopViewSet, basename="workshop")

urlpatterns = router.urls
