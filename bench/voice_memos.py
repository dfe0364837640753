"""Memos written for the voice benchmarks: what people say right after a conversation.

The memos live in `voice_memos.json`. Each comes with what a careful reader would file where:
for each kind (a facet, "followup" or "note") the words that must end up there, lower case.
Follow-ups also give their due date, said on Tuesday 1 December 2026. Some sentences follow the
phrasings the rules know, many do not (the sentence model's part), and some belong to no facet
at all (notes).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

TODAY = dt.date(2026, 12, 1)

Memo = dict[str, Any]

MEMOS: list[Memo] = json.loads((Path(__file__).with_name("voice_memos.json")).read_text())
