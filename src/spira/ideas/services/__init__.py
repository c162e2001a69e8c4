"""Every write to sluices and ideas goes through these functions.

Each one checks permission (PermissionDenied) and the rules of the change (ValidationError with a
dict of field → message), saves, writes the activity log and sends notifications (e-mails go out
on commit). Views, the API, `spira demo`, commands and tasks call these and nothing else.
"""

from spira.ideas.services.ideas import (
    add_comment,
    assign_coach,
    clean_idea_values,
    first_stage,
    follow_idea,
    graduate_idea,
    merge_ideas,
    move_idea,
    purge_contact_data,
    submit_idea,
    support_idea,
    unfollow_idea,
    withdraw_support,
)
from spira.ideas.services.reviews import combined_score, open_review_round, reviewers_for, submit_review
from spira.ideas.services.sluices import (
    add_criterion,
    add_stage,
    create_challenge,
    create_sluice,
    set_coordinators,
    update_sluice,
    update_stage,
)

__all__ = [
    "add_comment",
    "add_criterion",
    "add_stage",
    "assign_coach",
    "clean_idea_values",
    "combined_score",
    "create_challenge",
    "create_sluice",
    "first_stage",
    "follow_idea",
    "graduate_idea",
    "merge_ideas",
    "move_idea",
    "open_review_round",
    "purge_contact_data",
    "reviewers_for",
    "set_coordinators",
    "submit_idea",
    "submit_review",
    "support_idea",
    "unfollow_idea",
    "update_sluice",
    "update_stage",
    "withdraw_support",
]
