from pathlib import Path

import polib
from django.urls import reverse

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_every_ideas_string_has_a_swedish_translation():
    catalogue = polib.pofile(str(CATALOGUE))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert (untranslated, fuzzy) == ([], [])
    assert len(catalogue) > 300


def test_sluice_page_is_swedish_by_default_and_english_under_en(client, sluice):
    url = reverse("ideas:sluice_detail", kwargs={"slug": sluice.slug})
    assert "Lämna en idé" in client.get(url).content.decode()
    assert "Hand in an idea" in client.get("/en" + url).content.decode()
