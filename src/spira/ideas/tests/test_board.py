"""The board: each column shows one page of its cards, newest first, and pages on its own."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from spira.ideas.choices import StageType
from spira.ideas.queries import BOARD_PAGE_SIZE, board
from spira.ideas.tests.factories import IdeaFactory, stage_of


@pytest.fixture
def crowded(sluice):
    """Two pages and two more in the first stage (newest first: "Ny 1" … "Ny 12"), one in screening."""
    new, screening = stage_of(sluice, StageType.NEW), stage_of(sluice, StageType.SCREENING)
    now = timezone.now()
    ideas = [
        IdeaFactory(sluice=sluice, stage=new, title=f"Ny {n}", submitted_at=now - timedelta(hours=n))
        for n in range(1, BOARD_PAGE_SIZE + 3)
    ]
    IdeaFactory(sluice=sluice, stage=screening, title="Sållad")
    return {"new": new, "screening": screening, "ideas": ideas}


def titles(content: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', content)


def board_url(sluice) -> str:
    return reverse("ideas:sluice_board", kwargs={"slug": sluice.slug})


def test_board_shows_first_page_of_each_column_with_counts_and_link_to_next(
    client, sluice, coordinator, crowded
):
    client.force_login(coordinator)
    new = crowded["new"].pk

    content = client.get(board_url(sluice)).content.decode()

    assert titles(content) == [f"Ny {n}" for n in range(1, BOARD_PAGE_SIZE + 1)] + ["Sållad"]
    assert f"Idéer 1–{BOARD_PAGE_SIZE} av {BOARD_PAGE_SIZE + 2}" in content
    assert f'href="?page-{new}=2#column-{new}"' in content
    assert f'hx-get="?page-{new}=2&amp;column={new}"' in content


def test_board_second_page_of_one_column_keeps_the_others(client, sluice, coordinator, crowded):
    client.force_login(coordinator)
    new = crowded["new"].pk

    content = client.get(board_url(sluice), {f"page-{new}": "2"}).content.decode()

    assert titles(content) == [f"Ny {BOARD_PAGE_SIZE + 1}", f"Ny {BOARD_PAGE_SIZE + 2}", "Sållad"]
    assert f"Idéer {BOARD_PAGE_SIZE + 1}–{BOARD_PAGE_SIZE + 2} av {BOARD_PAGE_SIZE + 2}" in content
    # Back to the newer ideas; the move forms return to this very page.
    assert f'href="?#column-{new}"' in content
    assert f'name="next" value="{board_url(sluice)}?page-{new}=2"' in content


@pytest.mark.parametrize("page", ["0", "-3", "x", "99999999999999999999", "3"])
def test_board_page_out_of_range_or_malformed_shows_nearest_page(client, sluice, coordinator, crowded, page):
    client.force_login(coordinator)
    new = crowded["new"].pk

    response = client.get(board_url(sluice), {f"page-{new}": page, "page-x": "2", "page-": "1"})

    assert response.status_code == 200
    shown = titles(response.content.decode())
    assert shown[0] in ("Ny 1", f"Ny {BOARD_PAGE_SIZE + 1}")
    assert shown[-1] == "Sållad"


def test_board_column_alone_for_htmx(client, sluice, coordinator, crowded):
    client.force_login(coordinator)
    new = crowded["new"].pk

    response = client.get(
        board_url(sluice), {f"page-{new}": "2", "column": new}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert titles(content) == [f"Ny {BOARD_PAGE_SIZE + 1}", f"Ny {BOARD_PAGE_SIZE + 2}"]
    assert "<html" not in content
    # Every stage of the sluice is offered on the cards, this one selected.
    assert content.count(f'<option value="{new}" selected>') == 2
    assert content.count("<option ") == 2 * sluice.stages.count()


@pytest.mark.parametrize("column", ["0", "abc", "99999"])
def test_board_unknown_column_for_htmx_is_not_found(client, sluice, coordinator, crowded, column):
    client.force_login(coordinator)

    response = client.get(board_url(sluice), {"column": column}, headers={"HX-Request": "true"})

    assert response.status_code == 404


def test_board_column_of_another_sluice_is_not_found(client, sluice, coordinator, crowded):
    from spira.ideas.tests.factories import SluiceFactory

    other = SluiceFactory(organisation=sluice.organisation)
    client.force_login(coordinator)

    response = client.get(
        board_url(sluice), {"column": stage_of(other, StageType.NEW).pk}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, BOARD_PAGE_SIZE + 3])
def test_board_page_query_count_is_fixed(client, sluice, coordinator, django_assert_num_queries, count):
    new = stage_of(sluice, StageType.NEW)
    IdeaFactory.create_batch(count, sluice=sluice, stage=new)
    client.force_login(coordinator)
    client.get(board_url(sluice))
    with django_assert_num_queries(8):
        response = client.get(board_url(sluice), {f"page-{new.pk}": "2"})
    assert response.status_code == 200


def test_board_pages_follow_moves(sluice, coordinator, crowded):
    from spira.ideas.services import move_idea

    newest = crowded["ideas"][0]
    move_idea(coordinator, newest, crowded["screening"])

    columns = {column.stage.pk: column for column in board(sluice, coordinator, {crowded["new"].pk: 2})}

    new, screening = columns[crowded["new"].pk], columns[crowded["screening"].pk]
    assert (new.count, new.page, new.first, new.last) == (
        BOARD_PAGE_SIZE + 1,
        2,
        BOARD_PAGE_SIZE + 1,
        BOARD_PAGE_SIZE + 1,
    )
    assert [idea.title for idea in new.ideas] == [f"Ny {BOARD_PAGE_SIZE + 2}"]
    assert sorted(idea.title for idea in screening.ideas) == ["Ny 1", "Sållad"]
