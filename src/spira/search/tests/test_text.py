from spira.search import text


def test_swedish_plural_and_singular_share_a_stem():
    assert text.stem("äldreboenden", "sv") == text.stem("äldreboende", "sv")


def test_swedish_definite_plural_stems_to_the_base_word():
    assert text.stem("kommunerna", "sv") == text.stem("kommun", "sv") == "kommun"


def test_english_plural_and_singular_share_a_stem():
    assert text.stem("municipalities", "en") == text.stem("municipality", "en")


def test_words_keep_swedish_letters_and_split_on_everything_else():
    assert text.words("Äldre-omsorg i Östersund: 2024/25!") == [
        "äldre",
        "omsorg",
        "i",
        "östersund",
        "2024",
        "25",
    ]


def test_words_normalise_decomposed_letters():
    decomposed = "a\u0308ldreboende"  # "ä" as "a" + combining diaeresis
    assert text.words(decomposed) == ["äldreboende"]


def test_query_terms_stem_each_word_both_ways():
    assert text.query_terms("Kommunerna municipalities") == [
        frozenset({"kommun", "kommunerna"}),
        frozenset({"municipaliti", "municip"}),
    ]


def test_query_terms_drop_syntax_and_repeated_words():
    assert text.query_terms('"vård" AND (vård) * ^ : -') == [frozenset({"vård"}), frozenset({"and"})]


def test_query_without_words_has_no_terms():
    assert text.query_terms('"*" ( ) : ^ -\x00') == []
