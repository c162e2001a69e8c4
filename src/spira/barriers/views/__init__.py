from .actions import (
    BarrierAgendaView,
    BarrierEndorseView,
    BarrierEscalateView,
    BarrierStatusView,
    EndorsementWithdrawView,
    EscalationAnswerView,
)
from .barriers import (
    BarrierCreateView,
    BarrierDetailView,
    BarrierHistoryView,
    BarrierListView,
    BarrierOverviewView,
    BarrierUpdateView,
    InboxView,
    OrganisationBarriersView,
    OverdueListView,
)
from .subscriptions import SubscriptionDeleteView, SubscriptionListView
from .workshops import (
    WorkshopCalendarView,
    WorkshopCreateView,
    WorkshopDetailView,
    WorkshopListView,
    WorkshopOutcomeView,
)

__all__ = [
    "BarrierAgendaView",
    "BarrierCreateView",
    "BarrierDetailView",
    "BarrierEndorseView",
    "BarrierEscalateView",
    "BarrierHistoryView",
    "BarrierListView",
    "BarrierOverviewView",
    "BarrierStatusView",
    "BarrierUpdateView",
    "EndorsementWithdrawView",
    "EscalationAnswerView",
    "InboxView",
    "OrganisationBarriersView",
    "OverdueListView",
    "SubscriptionDeleteView",
    "SubscriptionListView",
    "WorkshopCalendarView",
    "WorkshopCreateView",
    "WorkshopDetailView",
    "WorkshopListView",
    "WorkshopOutcomeView",
]
