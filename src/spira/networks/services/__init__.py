"""Every write to networks, hubs and programmes goes through these functions (one per change).

Each checks permission (PermissionDenied) and the change (ValidationError with a dict of field →
message), saves, and writes the activity log. Views, the API and commands call them.
"""

from spira.networks.services.hubs import (
    add_location,
    add_resource,
    book_resource,
    cancel_booking,
    set_opening_hours,
)
from spira.networks.services.networks import (
    add_document,
    add_member,
    add_member_network,
    add_person,
    add_post,
    create_network,
    end_membership,
    join_network,
    update_network,
)
from spira.networks.services.programmes import (
    add_module,
    add_question,
    answer_assessment,
    create_plan,
    set_milestone_done,
    set_module_status,
    start_assessment,
    submit_assessment,
)

__all__ = [
    "add_document",
    "add_location",
    "add_member",
    "add_member_network",
    "add_module",
    "add_person",
    "add_post",
    "add_question",
    "add_resource",
    "answer_assessment",
    "book_resource",
    "cancel_booking",
    "create_network",
    "create_plan",
    "end_membership",
    "join_network",
    "set_milestone_done",
    "set_module_status",
    "set_opening_hours",
    "start_assessment",
    "submit_assessment",
    "update_network",
]
