"""What the ideas app holds about a person, and how it is exported and erased."""

from spira.ideas.models import Comment, Follow, Idea, Review, Support


def export_ideas(user) -> dict:
    return {
        "ideas": list(
            Idea.objects.filter(submitter=user)
            .order_by("submitted_at", "id")
            .values(
                "id",
                "sluice__name",
                "title",
                "need",
                "description",
                "beneficiaries",
                "submitted_at",
                "stage__name_sv",
            )
        ),
        "comments": list(
            Comment.objects.filter(author=user)
            .order_by("created_at", "id")
            .values("idea_id", "body", "visibility", "created_at")
        ),
        "supports": list(Support.objects.filter(user=user).order_by("id").values("idea_id", "created_at")),
        "follows": list(Follow.objects.filter(user=user).order_by("id").values("idea_id", "created_at")),
        "reviews": list(
            Review.objects.filter(reviewer=user)
            .order_by("id")
            .values("round__idea_id", "comment", "submitted_at")
        ),
    }


def erase_ideas(user) -> None:
    """Ideas and public comments stay (public records) without naming the person; supports and
    follows go, and the support counts follow."""
    from spira.ideas.services.ideas import _recount_supports

    supported = list(Idea.objects.filter(supports__user=user))
    Support.objects.filter(user=user).delete()
    for idea in supported:
        _recount_supports(idea)
    Follow.objects.filter(user=user).delete()
    Idea.objects.filter(submitter=user).update(submitter=None)
    Idea.objects.filter(coach=user).update(coach=None)
    Comment.objects.filter(author=user).update(author=None)
