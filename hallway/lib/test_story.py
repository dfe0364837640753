from hallway.lib.story import completeness_of, merge_facet, normalize_name, status_of


def test_a_person_with_only_safe_facets_is_a_card():
    assert status_of({"work": "CIO", "origin": "Lyon", "education": "ETH"}) == "card"


def test_passions_or_drivers_make_a_connection():
    assert status_of({"passions": "sailing"}) == "connection"
    assert status_of({"drivers": "wants nurses to have time"}) == "connection"


def test_whitespace_does_not_count_as_known():
    assert status_of({"passions": "   "}) == "card"
    assert completeness_of({"work": " ", "origin": "Lyon"}) == 0.2


def test_completeness_counts_known_facets_out_of_five():
    assert completeness_of({}) == 0
    assert (
        completeness_of(
            {"work": "a", "origin": "b", "education": "c", "passions": "d", "drivers": "e"}
        )
        == 1
    )


def test_merging_keeps_what_was_known_and_adds_the_new():
    assert (
        merge_facet("Grew up in Lyon", "Moved to Boston at 20")
        == "Grew up in Lyon; Moved to Boston at 20"
    )


def test_merging_fills_an_empty_facet():
    assert merge_facet("", "sailing") == "sailing"


def test_merging_does_not_repeat_what_is_already_there():
    assert merge_facet("Sailing and chess", "sailing") == "Sailing and chess"
    assert merge_facet("sailing", "Sailing on the Charles river") == "Sailing on the Charles river"
    assert merge_facet("sailing", "  ") == "sailing"


def test_names_are_normalized_without_accents_and_case():
    assert normalize_name("  Zoltán   SZABÓ ") == "zoltan szabo"
