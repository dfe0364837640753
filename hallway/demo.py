"""The sample network loaded by `hallway demo`: a living app for a newcomer.

Deterministic (seeded) so screenshots and tests see the same network every time. Everything is
written through the services, exactly as a user's own data would be.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from hallway.conversations.services import conversation_log
from hallway.events.models import Event
from hallway.events.services import event_create
from hallway.people.services import note_add, person_create

FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloé",
    "Diego",
    "Elena",
    "Farid",
    "Grace",
    "Hiroshi",
    "Ingrid",
    "Jamal",
    "Katarzyna",
    "Liam",
    "Mei",
    "Nikolai",
    "Olu",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tanvi",
    "Umar",
    "Valentina",
    "Wen",
    "Xavier",
    "Yara",
    "Zoltán",
    "Aisha",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Efua",
    "Felix",
    "Gabriela",
    "Hamza",
    "Isabel",
    "Jonas",
    "Kenji",
    "Lucía",
    "Marcus",
    "Nadia",
    "Oskar",
    "Paula",
    "Rahul",
    "Sofia",
    "Tomás",
]
LAST_NAMES = [
    "Okafor",
    "Hartmann",
    "Dubois",
    "Fernández",
    "Rossi",
    "Haddad",
    "Kim",
    "Tanaka",
    "Lindqvist",
    "Carter",
    "Nowak",
    "O'Brien",
    "Chen",
    "Volkov",
    "Adeyemi",
    "Raman",
    "Lefèvre",
    "Morales",
    "Berg",
    "Iyer",
    "Siddiqui",
    "Conti",
    "Zhang",
    "Moreau",
    "Haddad",
    "Szabó",
    "Bello",
    "Costa",
    "Ruiz",
    "Petrov",
    "Mensah",
    "Wagner",
    "Silva",
    "Khan",
    "Navarro",
    "Schmidt",
    "Sato",
    "García",
    "Johnson",
    "Aziz",
    "Nilsson",
    "Santos",
    "Mehta",
    "Ricci",
    "Álvarez",
]
COMPANIES = [
    ("Northwind Health", "CIO"),
    ("Contoso Bank", "CTO"),
    ("Globex Logistics", "Head of IT"),
    ("Initech", "VP Engineering"),
    ("Umbrella Retail", "Chief Data Officer"),
    ("Stark Energy", "CISO"),
    ("Wayne Mobility", "Director of Platform"),
    ("Tyrell Biotech", "CIO"),
    ("Acme Insurance", "Head of Cloud"),
    ("Soylent Foods", "IT Director"),
    ("Hooli", "Engineering Manager"),
    ("Pied Piper", "CTO"),
    ("Vandelay Imports", "Head of Digital"),
    ("Cyberdyne Systems", "Chief Architect"),
    ("Oceanic Air", "CIO"),
]
CITIES = [
    "Boston",
    "Lisbon",
    "Berlin",
    "Toronto",
    "Singapore",
    "Lyon",
    "Austin",
    "Nairobi",
    "Stockholm",
    "Melbourne",
]
WORK = [
    "Leads a 200-person IT team through a cloud migration",
    "Runs data platforms and the analytics team",
    "Moving the bank's core systems off the mainframe",
    "Built the security operations centre from scratch",
    "Owns the ERP replacement programme",
    "Runs a carbon capture startup's engineering team",
    "Scaling a logistics platform across 12 countries",
    "Responsible for clinical systems in 30 hospitals",
]
ORIGIN = [
    "Grew up on a farm in Ohio",
    "Born in Lagos, moved to London at 12",
    "From a fishing town near Porto",
    "Grew up in Lyon",
    "Raised in Mumbai, the eldest of four",
    "From a small town in northern Sweden",
    "Grew up in Buenos Aires",
    "Army family: moved every two years",
]
EDUCATION = [
    "Studied physics at ETH Zürich",
    "Computer science at Georgia Tech",
    "MBA from INSEAD",
    "Self-taught; dropped out of law school",
    "Electrical engineering at IIT Bombay",
    "Philosophy at Edinburgh, then a coding bootcamp",
    "Mathematics at Warsaw University",
]
PASSIONS = [
    "Sails a small boat on weekends",
    "Training for the Boston marathon",
    "Restores old motorbikes",
    "Plays cello in an amateur orchestra",
    "Obsessed with sourdough baking",
    "Climbs in the Alps every summer",
    "Coaches their daughter's football team",
    "Collects first-edition sci-fi novels",
]
DRIVERS = [
    "Wants technology to give nurses time back with patients",
    "Proving a small team can out-ship a big one",
    "Making the company carbon neutral by 2030",
    "Mentoring the first woman CTO in the group",
    "Never wants another outage on Black Friday",
    "Building something their kids will be proud of",
]
TAGS = [
    "cio",
    "cto",
    "security",
    "cloud",
    "data",
    "healthcare",
    "fintech",
    "mentor",
    "speaker",
    "climate",
]
NOTES = [
    "Training for the Boston marathon in April",
    "Starting a new job at Globex next month",
    "Moving to Berlin in the summer",
    "Recommended the book 'Team Topologies'",
    "Daughter just started university",
    "Looking for a head of security",
]
EVENTS = [
    ("CIO Summit Boston", -60, "Boston Convention Center", 5),
    ("Cloud Leaders Dinner", -35, "Lisbon, Bairro Alto", 3),
    ("DataConf Europe", -14, "Berlin, Station", 6),
    ("Security Roundtable", -3, "Toronto, King Street", 4),
    ("Tech Leadership Forum", 5, "Stockholm Waterfront", 5),
    ("CTO Breakfast", 18, "Austin, South Congress", 3),
]


@transaction.atomic
def load_demo(*, owner: Any, people_count: int = 45, seed: int = 7) -> dict[str, int]:
    """Create a sample network for the owner; returns counts of what was created."""
    rng = random.Random(seed)
    now = timezone.now()
    people = []
    for index in range(people_count):
        first, last = (
            FIRST_NAMES[index % len(FIRST_NAMES)],
            LAST_NAMES[(index * 7) % len(LAST_NAMES)],
        )
        company, role = COMPANIES[index % len(COMPANIES)]
        story: dict[str, str] = {}
        depth = rng.random()
        if depth > 0.15:
            story["work"] = rng.choice(WORK)
        if depth > 0.35:
            story["origin"] = rng.choice(ORIGIN)
        if depth > 0.5:
            story["education"] = rng.choice(EDUCATION)
        if depth > 0.55:
            story["passions"] = rng.choice(PASSIONS)
        if depth > 0.7:
            story["drivers"] = rng.choice(DRIVERS)
        slug = f"{first}.{last}".lower().replace("'", "")
        ascii_slug = slug.encode("ascii", "ignore").decode()
        person = person_create(
            owner=owner,
            name=f"{first} {last}",
            company=company,
            role=role,
            location=rng.choice(CITIES),
            email=f"{ascii_slug}@{company.split()[0].lower()}.example",
            phone=f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            if rng.random() > 0.3
            else "",
            linkedin_url=f"https://www.linkedin.com/in/{ascii_slug.replace('.', '-')}"
            if rng.random() > 0.4
            else "",
            keep_in_touch_days=rng.choice([None, 30, 60, 90, 180]),
            story=story,
            tags=rng.sample(TAGS, k=rng.randint(0, 3)),
            created_at=now - dt.timedelta(days=rng.randint(100, 400)),
        )
        people.append(person)

    events = []
    for name, days, place, goal in EVENTS:
        start = (now + dt.timedelta(days=days)).replace(hour=18, minute=30, second=0, microsecond=0)
        event = event_create(
            owner=owner,
            name=name,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            location=place,
            goal_new_connections=goal,
            reflection="Good energy; I talked to too few new people." if days < -20 else "",
            want_to_meet=rng.sample(people, k=4),
        )
        events.append(event)

    conversations = 0
    past_events = [event for event in events if event.starts_at < now]
    for index, person in enumerate(people):
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            met_at: Event | None = rng.choice(past_events) if rng.random() > 0.25 else None
            start = (
                met_at.starts_at if met_at else now - dt.timedelta(days=rng.randint(1, 200))
            ) + dt.timedelta(minutes=rng.randint(0, 150))
            minutes = rng.randint(2, 25)
            signs = rng.sample(
                ["wandering_eyes", "not_flowing", "checking_phone", "short_answers"],
                k=rng.choice([0, 0, 0, 1, 2]),
            )
            learned: dict[str, str] = {}
            if person.passions and rng.random() > 0.4:
                learned["passions"] = person.passions
            elif person.work and rng.random() > 0.5:
                learned["work"] = person.work
            outcome = (
                "connected"
                if learned.get("passions")
                else ("cut_short" if signs and minutes < 5 else "cards_only")
            )
            conversation_log(
                owner=owner,
                person=person,
                event=met_at,
                started_at=start,
                ended_at=start + dt.timedelta(minutes=minutes),
                learned=learned,
                warning_signs=signs,
                outcome=outcome,
                notes=rng.choice(
                    [
                        "",
                        "Talked about AI governance.",
                        "Both hate vendor lock-in.",
                        "Swapped stories about outages.",
                    ]
                ),
                followups=[
                    {
                        "text": "Send the article we discussed",
                        "due": (now + dt.timedelta(days=rng.randint(-5, 14))).date(),
                    }
                ]
                if rng.random() > 0.7
                else [],
            )
            conversations += 1
        if index % 6 == 0:
            note_add(
                person=person,
                text=rng.choice(NOTES),
                date=(now - dt.timedelta(days=rng.randint(20, 150))).date(),
            )
    return {"people": len(people), "events": len(events), "conversations": conversations}
