from .hub import BookableResource, Booking, BookingSlot, HubLocation, OpeningHours
from .network import Network, NetworkDocument, NetworkMembership, NetworkPerson, NetworkPost, current_q
from .programme import (
    AssessmentAnswer,
    AssessmentQuestion,
    NeedsAssessment,
    PlanMilestone,
    PlanModule,
    ProgrammeCluster,
    ProgrammeModule,
    ProgrammePlan,
)

__all__ = [
    "AssessmentAnswer",
    "AssessmentQuestion",
    "BookableResource",
    "Booking",
    "BookingSlot",
    "HubLocation",
    "NeedsAssessment",
    "Network",
    "NetworkDocument",
    "NetworkMembership",
    "NetworkPerson",
    "NetworkPost",
    "OpeningHours",
    "PlanMilestone",
    "PlanModule",
    "ProgrammeCluster",
    "ProgrammeModule",
    "ProgrammePlan",
    "current_q",
]
