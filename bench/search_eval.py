"""How well search finds the expected people: precision@5 and recall@10 per mode and query kind.

Run: HF_HUB_OFFLINE=1 .venv/bin/python bench/search_eval.py [--people 45] [--sweep]

Loads the demo network (`hallway.demo.load_demo`, deterministic) for a throwaway user in a
fresh SQLite data folder, computes the embeddings, and runs every query of the evaluation set
in the three modes. A query's expected people are defined by a predicate on the demo's story
data (role, company, location, tags, the five facets), never by ids, so the set holds for any
`--people` count. Queries whose predicate matches nobody in the network are skipped.

- precision@5: share of the first 5 results that are expected, out of min(5, expected)
  (a query with 2 expected people scores 1.0 when both are in the first 5)
- recall@10: share of the expected people found in the first 10 results

`--sweep` also prints hybrid figures for several HYBRID_MIN_SIMILARITY values (for tuning:
pick the threshold from the whole set, never from one query).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
os.environ.setdefault("HALLWAY_DATA_DIR", tempfile.mkdtemp(prefix="hw-search-eval-"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.pop("DATABASE_URL", None)  # always the throwaway SQLite folder


@dataclass
class Query:
    kind: str  # keyword, meaning, typo, mixed
    text: str
    expected: Callable[[dict[str, Any]], bool]


def _has(field: str, *words: str) -> Callable[[dict[str, Any]], bool]:
    return lambda person: any(word.lower() in person[field].lower() for word in words)


def _story_has(*words: str) -> Callable[[dict[str, Any]], bool]:
    return lambda person: any(word.lower() in person["story"].lower() for word in words)


def _all(*predicates: Callable[[dict[str, Any]], bool]) -> Callable[[dict[str, Any]], bool]:
    return lambda person: all(predicate(person) for predicate in predicates)


def queries() -> list[Query]:
    from hallway.demo import CITIES, COMPANIES

    role = lambda *roles: lambda person: person["role"] in roles  # noqa: E731
    industry = lambda name: lambda person: person["industry"] == name  # noqa: E731
    found: list[Query] = []
    # Keyword: words the story or profile literally says.
    for word in [
        "sailing",
        "marathon",
        "motorbikes",
        "cello",
        "sourdough",
        "Alps",
        "football",
        "mainframe",
        "hospitals",
        "Ohio",
        "Lagos",
        "Porto",
        "Mumbai",
        "Sweden",
        "physics",
        "INSEAD",
        "Edinburgh",
        "Warsaw",
        "mentoring",
        "payday",
    ]:
        stem = {"sailing": "sail", "motorbikes": "motorbike", "mentoring": "mentor"}.get(word, word)
        found.append(Query("keyword", word, _story_has(stem)))
    for city in CITIES[:6]:
        found.append(Query("keyword", city, _has("location", city)))
    for company, _role, _industry in COMPANIES[:6]:
        found.append(Query("keyword", company, _has("company", company)))
    # Meaning: what the story says, in other words.
    meaning = [
        ("people who care about mentoring", _story_has("mentor")),
        ("the CTO who loves boats", _all(role("CTO"), _story_has("boat"))),
        ("hospital CIO", _all(role("CIO"), industry("health"))),
        ("someone who plays classical music", _story_has("cello", "orchestra")),
        ("long distance runners", _story_has("marathon")),
        ("bakes bread at home", _story_has("sourdough")),
        ("mountaineering", _story_has("Alps")),
        ("vintage motorcycles", _story_has("motorbike")),
        ("science fiction book collector", _story_has("sci-fi")),
        ("coaches kids sports", _story_has("football")),
        ("grew up in the countryside", _story_has("farm")),
        ("business school graduate", _story_has("MBA")),
        ("fighting climate change", _story_has("carbon")),
        ("legacy banking systems", _story_has("mainframe")),
        ("reliable systems, no downtime", _story_has("outage")),
        ("immigrant from Africa", _story_has("Lagos")),
        ("grew up by the sea", _story_has("fishing town")),
        ("moved around a lot as a child", _story_has("Army family")),
        ("reducing food waste", _story_has("food waste")),
        ("healthcare technology", industry("health")),
    ]
    found += [Query("meaning", text, predicate) for text, predicate in meaning]
    # Typos in story words (and places).
    typos = [
        ("saling", _story_has("sail")),
        ("marathn", _story_has("marathon")),
        ("sourdogh", _story_has("sourdough")),
        ("motorbiks", _story_has("motorbike")),
        ("orchestar", _story_has("orchestra")),
        ("mainfrane", _story_has("mainframe")),
        ("hosptals", _story_has("hospitals")),
        ("mentorng", _story_has("mentor")),
        ("physcs", _story_has("physics")),
        ("Edinburg", _story_has("Edinburgh")),
        ("Stockhlm", _has("location", "Stockholm")),
        ("Nairbi", _has("location", "Nairobi")),
        ("Melborne", _has("location", "Melbourne")),
    ]
    found += [Query("typo", text, predicate) for text, predicate in typos]
    # Mixed: a profile word with a story meaning.
    mixed = [
        ("CTO who sails", _all(role("CTO"), _story_has("sail"))),
        ("CIO passionate about running", _all(role("CIO"), _story_has("marathon"))),
        ("bank CTO mainframe", _all(industry("bank"), _story_has("mainframe"))),
        ("software people who mentor", _all(industry("software"), _story_has("mentor"))),
        ("Boston climbers", _all(_has("location", "Boston"), _story_has("Alps"))),
        ("CISO climate", _all(role("CISO"), _story_has("carbon"))),
        ("insurance claims speed", _all(industry("insurance"), _story_has("claims"))),
        ("airline IT failure", _all(industry("airline"), _story_has("stranded"))),
        ("nurses patients CIO", _all(industry("health"), _story_has("nurses"))),
        ("platform teams engineering manager", role("Engineering Manager")),
    ]
    found += [Query("mixed", text, predicate) for text, predicate in mixed]
    return found


def _network(user: Any) -> list[dict[str, Any]]:
    from hallway.demo import COMPANIES
    from hallway.people.models import Person

    industry_of = {company: industry for company, _role, industry in COMPANIES}
    people = []
    for person in Person.objects.filter(owner=user).prefetch_related("tags"):
        story = " ".join(
            getattr(person, facet)
            for facet in ("work", "passions", "drivers", "origin", "education")
        )
        tags = " ".join(tag.name for tag in person.tags.all())
        people.append(
            {
                "id": person.pk,
                "role": person.role,
                "company": person.company,
                "location": person.location,
                "industry": industry_of.get(person.company, ""),
                "story": f"{story} {tags}",
            }
        )
    return people


def evaluate(user: Any, evaluation: list[tuple[Query, set[int]]], mode: str) -> dict[str, Any]:
    from hallway.search import selectors

    per_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for query, expected in evaluation:
        results = selectors.search(user=user, query=query.text, mode=mode, limit=10)
        ids = [hit.person.pk for hit in results.hits]
        precision = len(set(ids[:5]) & expected) / min(5, len(expected))
        recall = len(set(ids[:10]) & expected) / len(expected)
        per_kind[query.kind].append((precision, recall))
        per_kind["all"].append((precision, recall))
    return {
        kind: (
            sum(p for p, _r in scores) / len(scores),
            sum(r for _p, r in scores) / len(scores),
            len(scores),
        )
        for kind, scores in per_kind.items()
    }


def _print(label: str, figures: dict[str, Any]) -> None:
    cells = "  ".join(
        f"{kind} {figures[kind][0]:.2f}/{figures[kind][1]:.2f}"
        for kind in ("keyword", "meaning", "typo", "mixed", "all")
        if kind in figures
    )
    print(f"{label:<24} {cells}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=45)
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from hallway.demo import load_demo
    from hallway.search import selectors
    from hallway.search.services.embeddings import embeddings_refresh

    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(username="search-eval")
    load_demo(owner=user, people_count=args.people)
    embeddings_refresh(owner=user)
    network = _network(user)
    evaluation = []
    for query in queries():
        expected = {person["id"] for person in network if query.expected(person)}
        if expected:
            evaluation.append((query, expected))
    kinds = defaultdict(int)
    for query, _expected in evaluation:
        kinds[query.kind] += 1
    print(
        f"{len(evaluation)} queries ({', '.join(f'{n} {k}' for k, n in kinds.items())}) "
        f"over {len(network)} people; figures: precision@5/recall@10"
    )
    for mode in selectors.MODES:
        _print(mode, evaluate(user, evaluation, mode))
    if args.sweep:
        original = selectors.HYBRID_MIN_SIMILARITY
        for threshold in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45):
            selectors.HYBRID_MIN_SIMILARITY = threshold
            _print(f"hybrid min_sim={threshold}", evaluate(user, evaluation, "hybrid"))
        selectors.HYBRID_MIN_SIMILARITY = original
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
