"""Memos the rules were NOT tuned on (written after the rules were frozen), same format as
voice_memos.py: the honest estimate of how the extraction does on new phrasings."""

from __future__ import annotations

from bench.voice_memos import Memo

MEMOS: list[Memo] = [
    {
        "text": "Talked to Hugo Lambert, he heads procurement tech at Danone. Raised in Marseille. Goes birdwatching whenever he can. He's trying to cut supplier onboarding to a day. Need to send him the vendor list by Thursday.",
        "gold": {
            "work": ["procurement"],
            "origin": ["marseille"],
            "passions": ["birdwatching"],
            "drivers": ["onboarding"],
            "followup": ["vendor list"],
        },
        "due": {"vendor list": "2026-12-03"},
    },
    {
        "text": "Anna Berg, chief data officer at Telia. She did her doctorate in Uppsala. Grows tomatoes on her balcony. She believes every decision should come with data. Her son plays football with mine.",
        "gold": {
            "work": ["chief data officer"],
            "education": ["uppsala"],
            "passions": ["tomatoes"],
            "drivers": ["decision"],
            "note": ["son"],
        },
    },
    {
        "text": "Ravi is a staff engineer at Stripe. Spent his childhood in Bangalore. Into rock climbing and bouldering. He's frustrated that payments are still so slow abroad. Shoot him an email about the meetup tomorrow.",
        "gold": {
            "work": ["staff engineer"],
            "origin": ["bangalore"],
            "passions": ["climbing"],
            "drivers": ["payments"],
            "followup": ["meetup"],
        },
        "due": {"meetup": "2026-12-02"},
    },
    {
        "text": "Met Carla Mendes from Petrobras. She's in charge of the OT security program. Alumna of the University of Coimbra. Practises yoga every morning. Wants to sleep at night knowing the refineries are safe.",
        "gold": {
            "work": ["ot security"],
            "education": ["coimbra"],
            "passions": ["yoga"],
            "drivers": ["refineries"],
        },
    },
    {
        "text": "Sean Murphy, CTO of a health startup. Grew up in Galway. He builds furniture in his garage. His motivation is his mum's illness. Seemed distracted, kept checking his phone.",
        "gold": {
            "work": ["health startup"],
            "origin": ["galway"],
            "passions": ["furniture"],
            "drivers": ["illness"],
            "note": ["phone"],
        },
    },
    {
        "text": "Yuki Sato runs the mobile team at Rakuten. She is from Sapporo. Huge anime fan. She would love to move to Europe one day. Invite her to the Berlin dinner in two weeks.",
        "gold": {
            "work": ["mobile team"],
            "origin": ["sapporo"],
            "passions": ["anime"],
            "drivers": ["europe"],
            "followup": ["berlin dinner"],
        },
        "due": {"berlin dinner": "2026-12-15"},
    },
    {
        "text": "Omar Haddad is an IT auditor at KPMG. Educated at McGill. Competes in chess tournaments. Told me his wife just had a baby.",
        "gold": {
            "work": ["it auditor"],
            "education": ["mcgill"],
            "passions": ["chess"],
            "note": ["baby"],
        },
    },
    {
        "text": "Elena Popescu, head of cloud at ING. Came to Amsterdam from Bucharest. Obsessed with sourdough. Her ambition is zero downtime releases. Send her the SRE book on Monday.",
        "gold": {
            "work": ["head of cloud"],
            "origin": ["bucharest"],
            "passions": ["sourdough"],
            "drivers": ["downtime"],
            "followup": ["sre book"],
        },
        "due": {"sre book": "2026-12-07"},
    },
    {
        "text": "Felix, founder of a robotics company in Zurich. Studied mechanical engineering at ETH. Plays the cello. He dreams of robots in every care home. Lovely laugh.",
        "gold": {
            "work": ["robotics"],
            "education": ["eth"],
            "passions": ["cello"],
            "drivers": ["care home"],
            "note": ["laugh"],
        },
    },
    {
        "text": "Gabriela Ruiz works as a network engineer for Telefonica. Hometown is Valencia. She enjoys paella cook-offs. She cares about getting fibre to villages. Follow up next week about the tender.",
        "gold": {
            "work": ["network engineer"],
            "origin": ["valencia"],
            "passions": ["paella"],
            "drivers": ["fibre"],
            "followup": ["tender"],
        },
        "due": {"tender": "2026-12-07"},
    },
    {
        "text": "Peter Novak leads the ERP team at Skoda. Grew up in Brno and went to university there. Spends his free time woodworking. Reports to the CIO, Jana.",
        "gold": {
            "work": ["erp team", "cio"],
            "origin": ["brno"],
            "education": ["university"],
            "passions": ["woodworking"],
        },
    },
    {
        "text": "Maya Singh, CISO at a hospital group. From Birmingham. Loves long-distance cycling. Ever since a ransomware attack hit her first hospital she wants to train every nurse in security. Connect her with Sofia.",
        "gold": {
            "work": ["ciso"],
            "origin": ["birmingham"],
            "passions": ["cycling"],
            "drivers": ["nurse"],
            "followup": ["sofia"],
        },
    },
    {
        "text": "Lars Jensen, platform lead at Maersk. He studied at DTU in Copenhagen. Restores wooden boats. He's after one system for every port. We should meet again in January.",
        "gold": {
            "work": ["platform lead"],
            "education": ["dtu"],
            "passions": ["boats"],
            "drivers": ["every port"],
            "note": ["january"],
        },
    },
    {
        "text": "Chloe Martin is a recruiter at Capgemini. Born in Lille. Big into salsa dancing. Call her on Wednesday about the two open roles.",
        "gold": {
            "work": ["recruiter"],
            "origin": ["lille"],
            "passions": ["salsa"],
            "followup": ["open roles"],
        },
        "due": {"open roles": "2026-12-02"},
    },
    {
        "text": "Ahmed, vice president of IT at Emirates. Studied in Manchester. Keeps falcons. He hopes to make check-in disappear. Gave me a great tip about the Dubai conference.",
        "gold": {
            "work": ["vice president"],
            "education": ["manchester"],
            "passions": ["falcons"],
            "drivers": ["check-in"],
            "note": ["dubai"],
        },
    },
]
