from spira.search import text
from spira.search.highlight import best_text, snippet


def stems_of(query):
    return text.all_stems(text.query_terms(query))


def test_snippet_marks_inflected_forms_in_the_original_text():
    result = snippet("Trygghet på äldreboenden i Norrby.", stems_of("äldreboende"))

    assert result == "Trygghet på <mark>äldreboenden</mark> i Norrby."


def test_snippet_marks_english_words_found_by_a_swedish_reader():
    result = snippet("Municipalities share data.", stems_of("municipality"))

    assert result == "<mark>Municipalities</mark> share data."


def test_snippet_escapes_markup_in_the_text():
    result = snippet('<script>alert("vård")</script> och vård', stems_of("vård"))

    assert result == "&lt;script&gt;alert(&quot;<mark>vård</mark>&quot;)&lt;/script&gt; och <mark>vård</mark>"


def test_snippet_escapes_text_without_matches():
    assert snippet("<b>fet</b>", stems_of("annat")) == "&lt;b&gt;fet&lt;/b&gt;"


def test_snippet_cuts_around_the_first_match():
    words = " ".join(f"ord{i}" for i in range(100))
    result = snippet(f"{words} sensorer {words}", stems_of("sensor"), words=5)

    assert result == "… ord98 ord99 <mark>sensorer</mark> ord0 ord1 …"


def test_best_text_prefers_a_text_with_a_match():
    assert best_text(["Inget här", "", "Sensorer finns"], stems_of("sensor")) == "Sensorer finns"
    assert best_text(["Inget här", "Inget där"], stems_of("sensor")) == "Inget här"
