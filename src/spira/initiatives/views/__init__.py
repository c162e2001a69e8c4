"""HTML pages of the case library: browsing (browse.py), writing (edit.py), workflow (workflow.py)."""

from spira.initiatives.views.browse import (
    InitiativeContactView,
    InitiativeDetailView,
    InitiativeHistoryView,
    InitiativeListView,
    InitiativeRevisionDiffView,
    InitiativeRevisionListView,
    OrganisationInitiativesView,
)
from spira.initiatives.views.edit import (
    CoAuthorsView,
    InitiativeCreateView,
    InitiativeEditView,
    InvitationAcceptView,
    MyInitiativesView,
)
from spira.initiatives.views.workflow import (
    ArchiveView,
    DeleteView,
    PublishView,
    ReviewQueueView,
    SendBackView,
    SubmitView,
    UnarchiveView,
)

__all__ = [
    "ArchiveView",
    "CoAuthorsView",
    "DeleteView",
    "InitiativeContactView",
    "InitiativeCreateView",
    "InitiativeDetailView",
    "InitiativeEditView",
    "InitiativeHistoryView",
    "InitiativeListView",
    "InitiativeRevisionDiffView",
    "InitiativeRevisionListView",
    "InvitationAcceptView",
    "MyInitiativesView",
    "OrganisationInitiativesView",
    "PublishView",
    "ReviewQueueView",
    "SendBackView",
    "SubmitView",
    "UnarchiveView",
]
