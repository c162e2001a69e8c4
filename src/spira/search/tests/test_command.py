from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from spira.search.models import SearchDocument

from .factories import InitiativeFactory


def test_search_reindex_indexes_every_record(db):
    InitiativeFactory.create_batch(3)

    out = StringIO()
    call_command("search_reindex", "--model", "initiatives.Initiative", "--no-progress", stdout=out)

    assert SearchDocument.objects.count() == 3
    assert "3" in out.getvalue()


def test_search_reindex_rejects_a_model_that_is_not_searchable(db):
    with pytest.raises(CommandError):
        call_command("search_reindex", "--model", "organisations.County", "--no-progress")
