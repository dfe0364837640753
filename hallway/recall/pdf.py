"""The event briefing as a one-page PDF cheat sheet (reportlab)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from hallway.recall.selectors import EventBriefing

# Beyond this many people the page would shrink to unreadable; the rest are counted instead.
MAX_PEOPLE_ON_PAGE = 40
MARGIN = 12 * mm


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle(
            "title", parent=base["Title"], fontSize=16, leading=19, spaceAfter=2, alignment=0
        ),
        "meta": ParagraphStyle(
            "meta", parent=base["Normal"], fontSize=9, textColor=colors.HexColor("#5d6678")
        ),
        "name": ParagraphStyle(
            "name", parent=base["Normal"], fontSize=9.5, leading=11.5, fontName="Helvetica-Bold"
        ),
        "cell": ParagraphStyle("cell", parent=base["Normal"], fontSize=8.5, leading=10.5),
        "small": ParagraphStyle(
            "small",
            parent=base["Normal"],
            fontSize=8,
            leading=10,
            textColor=colors.HexColor("#5d6678"),
        ),
    }


def _text(value: str) -> str:
    return escape(value or "")


def event_briefing_pdf(briefing: EventBriefing) -> bytes:
    """One A4 page: the event, then a table of the people you know with their story and what to ask."""
    styles = _styles()
    event = briefing.event
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Briefing: {event.name}",
        author="Hallway",
        pageCompression=0,
    )
    when = timezone.localtime(event.starts_at).strftime("%a %-d %b %Y, %H:%M")
    meta = " · ".join(part for part in (when, event.location) if part)
    story: list = [
        Paragraph(f"Briefing: {_text(event.name)}", styles["title"]),
        Paragraph(_text(meta), styles["meta"]),
        Spacer(1, 4 * mm),
    ]
    people = briefing.known_people[:MAX_PEOPLE_ON_PAGE]
    if people:
        rows = [
            [
                Paragraph("Who", styles["name"]),
                Paragraph("Their story", styles["name"]),
                Paragraph("Ask", styles["name"]),
            ]
        ]
        for item in people:
            person = item.person
            who = f"{_text(person.name)}"
            role = " at ".join(part for part in (person.role, person.company) if part)
            if "want_to_meet" in item.reasons:
                who = f"★ {who}"
            rows.append(
                [
                    [Paragraph(who, styles["name"]), Paragraph(_text(role), styles["small"])],
                    [
                        Paragraph(
                            _text(item.short_story) or "<i>Story unknown yet</i>", styles["cell"]
                        ),
                        Paragraph(_text("; ".join(item.reason_labels)), styles["small"]),
                    ],
                    Paragraph(_text(item.next_question), styles["cell"]),
                ]
            )
        width = A4[0] - 2 * MARGIN
        table = Table(rows, colWidths=[width * 0.25, width * 0.5, width * 0.25], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#dde1e8")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f2f6")),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.append(table)
        hidden = max(briefing.known_count, len(briefing.known_people)) - len(people)
        if hidden > 0:
            story.append(Spacer(1, 2 * mm))
            story.append(
                Paragraph(
                    f"…and {hidden} more people you know: see the briefing in Hallway.",
                    styles["small"],
                )
            )
    else:
        story.append(Paragraph("Nobody you know is linked to this event yet.", styles["cell"]))
    unmatched = len(briefing.unmatched_attendees)
    if unmatched:
        story.append(Spacer(1, 3 * mm))
        story.append(
            Paragraph(
                f"{unmatched} attendees on the list are new to you: go collect their stories.",
                styles["small"],
            )
        )
    frame_width = A4[0] - 2 * MARGIN
    frame_height = A4[1] - 2 * MARGIN - 1
    # Shrink to fit: a cheat sheet is one page, always.
    document.build([KeepInFrame(frame_width, frame_height, story, mode="shrink")])
    return buffer.getvalue()
