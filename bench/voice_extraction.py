"""Precision and recall per facet of the voice-note extraction on the memos in voice_memos.py.

Run: .venv/bin/python bench/voice_extraction.py [--misses]
Scores the sentence rules alone, then rules plus the sentence model (the `semantic` extra)
for what the rules miss, on the 45 memos the rules were tuned on and on 15 held-out ones. An expected phrase is recalled when it lands in that kind; a proposed
line is precise when it holds an expected phrase of its kind. Follow-ups also check the due date.
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

KINDS = ("work", "origin", "education", "passions", "drivers", "followup", "note")


def _items(proposal: dict) -> dict[str, list[str]]:
    """The proposal's lines by kind (a facet's merged lines count one by one)."""
    items: dict[str, list[str]] = defaultdict(list)
    for facet, text in proposal["facets"].items():
        items[facet] += [line for line in text.split("; ") if line]
    items["followup"] = [item["text"] for item in proposal["followups"]]
    items["note"] = list(proposal["notes"])
    return items


def score(memos: list, label: str, classifier: object, show_misses: bool) -> None:
    from bench.voice_memos import TODAY
    from hallway.voice.extraction import extract

    found = defaultdict(int)
    expected = defaultdict(int)
    precise = defaultdict(int)
    proposed = defaultdict(int)
    dues_right = dues = 0
    misses: list[str] = []
    started = time.perf_counter()
    for memo in memos:
        proposal = extract(memo["text"], today=TODAY, classifier=classifier).as_dict()
        items = _items(proposal)
        for kind in KINDS:
            gold = memo["gold"].get(kind, [])
            lines = [line.casefold() for line in items.get(kind, [])]
            for phrase in gold:
                expected[kind] += 1
                if any(phrase in line for line in lines):
                    found[kind] += 1
                else:
                    misses.append(f"missed {kind} “{phrase}” in: {memo['text'][:70]}…")
            for line in lines:
                proposed[kind] += 1
                if any(phrase in line for phrase in gold):
                    precise[kind] += 1
                else:
                    misses.append(f"wrong {kind}: “{line}”")
        for phrase, due in memo.get("due", {}).items():
            dues += 1
            match = [f for f in proposal["followups"] if phrase in f["text"].casefold()]
            if match and match[0]["due"] == due:
                dues_right += 1
            else:
                misses.append(
                    f"due of “{phrase}”: expected {due}, got {match[0]['due'] if match else None}"
                )
    elapsed = time.perf_counter() - started
    label += ", rules + sentence model" if classifier else ", rules only"
    print(f"\n{label}: {len(memos)} memos, {1000 * elapsed / len(memos):.1f} ms per memo")
    print(f"  {'kind':10} {'expected':>8} {'recall':>7} {'precision':>9}")
    for kind in KINDS:
        recall = found[kind] / expected[kind] if expected[kind] else 0.0
        precision = precise[kind] / proposed[kind] if proposed[kind] else 0.0
        print(f"  {kind:10} {expected[kind]:8} {100 * recall:6.1f}% {100 * precision:8.1f}%")
    all_expected, all_found = sum(expected.values()), sum(found.values())
    all_proposed, all_precise = sum(proposed.values()), sum(precise.values())
    print(
        f"  {'all':10} {all_expected:8} {100 * all_found / all_expected:6.1f}% "
        f"{100 * all_precise / all_proposed:8.1f}%"
    )
    print(f"  follow-up due dates right: {dues_right}/{dues}")
    if show_misses:
        for miss in misses:
            print("   ", miss)


def main() -> None:
    import django

    django.setup()
    from bench import voice_memos, voice_memos_heldout
    from hallway.voice import meaning

    show_misses = "--misses" in sys.argv
    classifiers: list = [None]
    if meaning.is_available():
        meaning.classify(["warm up"])  # load the model outside the timing
        classifiers.append(meaning.classify)
    else:
        print("(the semantic extra is not installed: rules only)")
    sets = [
        ("memos the rules were tuned on", voice_memos.MEMOS),
        ("held-out memos", voice_memos_heldout.MEMOS),
    ]
    for label, memos in sets:
        for classifier in classifiers:
            score(memos, label, classifier, show_misses)


if __name__ == "__main__":
    main()
