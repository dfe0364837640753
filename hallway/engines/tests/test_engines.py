"""The shared engine process: search never waits for it, and it answers what the model would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from hallway import engines
from hallway.search import selectors

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def shared_engines(settings: Any, tmp_path: Path) -> Path:
    """This process asks the engine process at tmp_path (nothing listens there yet)."""
    settings.ENGINES = "shared"
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def sailor(owner: Any) -> Any:
    from hallway.people.services import person_create

    return person_create(owner=owner, name="Maya Lind", story={"passions": "sailing in Maine"})


def test_hybrid_search_answers_with_keywords_at_once_when_no_engine_runs(
    owner: Any, sailor: Any, shared_engines: Path
) -> None:
    results = selectors.search(user=owner, query="sailing")
    assert results.mode == "keyword" and results.requested_mode == "hybrid"
    assert results.notice == "Keyword results only: search by meaning is not running."
    assert [hit.person for hit in results.hits] == [sailor]


def test_semantic_search_falls_back_to_keywords_too_and_says_so(
    owner: Any, sailor: Any, shared_engines: Path
) -> None:
    results = selectors.search(user=owner, query="sailing", mode="semantic")
    assert results.mode == "keyword" and "search by meaning is not running" in results.notice
    assert [hit.person for hit in results.hits] == [sailor]


def test_the_search_page_and_api_say_keyword_only_while_the_engine_is_away(
    owner_client: Any, owner: Any, sailor: Any, shared_engines: Path
) -> None:
    from hallway.accounts.services import token_create

    page = owner_client.get("/search/", {"q": "sailing"})
    assert page.status_code == 200
    assert b"Keyword results only: search by meaning is not running." in page.content
    assert b"Maya Lind" in page.content
    token = token_create(user=owner, name="t")[1]
    answer = owner_client.get(
        "/api/v1/search", {"q": "sailing"}, HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert answer["mode"] == "keyword" and "not running" in answer["notice"]
    assert [item["person"]["name"] for item in answer["items"]] == ["Maya Lind"]


def test_a_card_scan_says_the_reader_is_away_instead_of_loading_it(
    shared_engines: Path,
) -> None:
    pytest.importorskip("rapidocr")
    from hallway.interop.cards import OcrUnavailable, card_read
    from hallway.interop.tests.cards import CARDS, render_card

    with pytest.raises(OcrUnavailable, match="card reader is not running"):
        card_read(render_card(CARDS[0]))


@pytest.mark.semantic
@pytest.mark.ocr
def test_the_engine_process_embeds_like_the_model_and_reads_cards(
    settings: Any, tmp_path: Path
) -> None:
    from hallway.interop.cards import card_read
    from hallway.interop.tests.cards import CARDS, expected_fields, render_card
    from hallway.search import semantic

    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        HALLWAY_DATA_DIR=str(tmp_path),
        HALLWAY_SECRET_KEY=settings.SECRET_KEY,
        PYTHONPATH=str(ROOT),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "hallway.engines"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "engines.log").open("w"),
    )
    settings.ENGINES = "shared"
    settings.DATA_DIR = tmp_path
    try:
        states: dict[str, str] = {}
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and process.poll() is None:
            try:
                states = engines.ask("ping")
            except engines.EngineUnavailable:
                states = {}
            if states and engines.STARTING not in states.values():
                break
            time.sleep(0.5)
        from hallway.voice import transcription

        speech = "" if transcription.is_available() else "is not installed"
        assert states == {"embedding": "", "ocr": "", "speech": speech}, (
            tmp_path / "engines.log"
        ).read_text()
        texts = ["the CTO who loves boats", "Runs IT at Acme; grew up in Lyon " * 40, "x"]
        shared = semantic.encode(texts)  # asks the engine process (ONNX)
        local = semantic.encode_here(texts)  # sentence-transformers on torch, here
        assert shared.shape == local.shape == (3, semantic.DIMENSIONS)
        assert min((shared * local).sum(axis=1)) > 0.9999
        draft = card_read(render_card(CARDS[2], layout="centered", font="serif", angle=1.5))
        assert {name: getattr(draft, name) for name in expected_fields(CARDS[2])} == (
            expected_fields(CARDS[2])
        )
        with pytest.raises(RuntimeError, match="KeyError"):
            engines.ask("no such operation")
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode == 0 and not (tmp_path / "engines.sock").exists()
