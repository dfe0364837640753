from django.urls import reverse, set_script_prefix

from hallway.lib.web import reverse_with_id


def test_urls_with_an_id_are_those_of_reverse() -> None:
    for name in ("people:detail", "events:detail", "conversations:detail"):
        for pk in (1, 7, 42, 987, 2**40):
            assert reverse_with_id(name, pk) == reverse(name, args=[pk])


def test_a_script_prefix_is_kept() -> None:
    set_script_prefix("/hallway/")
    try:
        assert reverse_with_id("people:detail", 5) == reverse("people:detail", args=[5])
        assert reverse_with_id("people:detail", 5).startswith("/hallway/")
    finally:
        set_script_prefix("/")
