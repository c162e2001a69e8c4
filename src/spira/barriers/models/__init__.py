from .barrier import Barrier, BarrierInitiative, StatusChange
from .endorsement import Endorsement
from .escalation import Escalation, EscalationAnswer
from .subscription import BarrierSubscription
from .workshop import Workshop, WorkshopBarrier

__all__ = [
    "Barrier",
    "BarrierInitiative",
    "BarrierSubscription",
    "Endorsement",
    "Escalation",
    "EscalationAnswer",
    "StatusChange",
    "Workshop",
    "WorkshopBarrier",
]
