from .imports import ImportRun
from .initiative import Initiative
from .related import CoAuthorInvitation, InitiativeLink, InitiativeOrganisation, InitiativeRevision
from .vocabulary import Stage, Tag

__all__ = [
    "CoAuthorInvitation",
    "ImportRun",
    "Initiative",
    "InitiativeLink",
    "InitiativeOrganisation",
    "InitiativeRevision",
    "Stage",
    "Tag",
]
