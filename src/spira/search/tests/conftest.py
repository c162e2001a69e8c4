import pytest

from spira.initiatives.models import Initiative
from spira.search import index
from spira.search.registry import spec_for


@pytest.fixture
def reindex(db):
    """Index every initiative now (tests run inside a transaction that never commits)."""

    def run():
        return index.reindex(spec_for(Initiative).model)

    return run
