from spira.ideas.models.idea import Comment, Follow, Idea, StageLog, Support
from spira.ideas.models.review import Review, ReviewRound, Score
from spira.ideas.models.sluice import Challenge, Criterion, Sluice, Stage

__all__ = [
    "Challenge",
    "Comment",
    "Criterion",
    "Follow",
    "Idea",
    "Review",
    "ReviewRound",
    "Score",
    "Sluice",
    "Stage",
    "StageLog",
    "Support",
]
