"""Memos written for the voice benchmarks: what people say right after a conversation.

Each memo comes with what a careful reader would file where: for each kind (a facet,
"followup" or "note") the words that must end up there, lower case. Follow-ups also give their
due date, said on Tuesday 1 December 2026. Some sentences follow the phrasings the rules know,
many do not (the sentence model's part), and some belong to no facet at all (notes).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

TODAY = dt.date(2026, 12, 1)

Memo = dict[str, Any]

MEMOS: list[Memo] = [
    {
        "text": "Dana Whitfield, CIO at Acme Freight. Grew up in Ohio, studied at Purdue. Sails on Lake Erie every summer. Wants to fix their supply chain. Send her the Gartner article on Tuesday.",
        "gold": {
            "work": ["acme freight"],
            "origin": ["ohio"],
            "education": ["purdue"],
            "passions": ["lake erie"],
            "drivers": ["supply chain"],
            "followup": ["gartner"],
        },
        "due": {"gartner": "2026-12-08"},
    },
    {
        "text": "Just met Raj Patel from Initech. He is the CTO there. He's from Mumbai and went to school in London. He loves chess and cricket. I promised to introduce him to Maria next week.",
        "gold": {
            "work": ["cto"],
            "origin": ["mumbai"],
            "education": ["london"],
            "passions": ["chess"],
            "followup": ["maria"],
        },
        "due": {"maria": "2026-12-07"},
    },
    {
        "text": "Maria Lopez works at Globex as head of data. She is passionate about open source. She studied math at Stanford. Remind me to email her the slides tomorrow.",
        "gold": {
            "work": ["head of data"],
            "passions": ["open source"],
            "education": ["stanford"],
            "followup": ["slides"],
        },
        "due": {"slides": "2026-12-02"},
    },
    {
        "text": "Tom Becker, VP of engineering at Hooli. Originally from Hamburg. Runs marathons, did Berlin last year. His goal is to get every team on one platform.",
        "gold": {
            "work": ["hooli"],
            "origin": ["hamburg"],
            "passions": ["marathon"],
            "drivers": ["one platform"],
        },
    },
    {
        "text": "Priya grew up in Chennai and moved to Toronto for her masters. She leads the security team at a big insurer. Plays the violin in a community orchestra. Call her in two weeks about the pilot.",
        "gold": {
            "origin": ["chennai"],
            "work": ["security team"],
            "passions": ["violin"],
            "followup": ["pilot"],
        },
        "due": {"pilot": "2026-12-15"},
    },
    {
        "text": "Met Ken Ito at the dinner. He's a solutions architect at Contoso. Born in Osaka. He restores old motorbikes on weekends. Send him the Kafka talk.",
        "gold": {
            "work": ["solutions architect"],
            "origin": ["osaka"],
            "passions": ["motorbike"],
            "followup": ["kafka"],
        },
    },
    {
        "text": "Sofia Rossi is the CISO of Banca Nord. She studied physics in Bologna. What drives her is keeping small banks safe from ransomware. Her daughter just started university.",
        "gold": {
            "work": ["ciso"],
            "education": ["bologna"],
            "drivers": ["ransomware"],
            "note": ["daughter"],
        },
    },
    {
        "text": "Alex Kim, founder of a tiny analytics startup. Went to college in Texas. Huge fan of the Dallas Cowboys. He wants to sell the company in three years. Follow up on Friday with the pricing sheet.",
        "gold": {
            "work": ["founder"],
            "education": ["texas"],
            "passions": ["cowboys"],
            "drivers": ["sell the company"],
            "followup": ["pricing"],
        },
        "due": {"pricing": "2026-12-04"},
    },
    {
        "text": "Olga works for the city of Tallinn on digital services. She's from a small island, Saaremaa. Loves cold water swimming. She cares deeply about accessibility.",
        "gold": {
            "work": ["tallinn"],
            "origin": ["saaremaa"],
            "passions": ["swimming"],
            "drivers": ["accessibility"],
        },
    },
    {
        "text": "Ben Okafor, data engineer at Spotify. Grew up in Lagos, then London. Did his PhD at Imperial. Bakes sourdough every Sunday. Ask him about the streaming benchmark next week.",
        "gold": {
            "work": ["data engineer"],
            "origin": ["lagos"],
            "education": ["imperial"],
            "passions": ["sourdough"],
            "followup": ["benchmark"],
        },
        "due": {"benchmark": "2026-12-07"},
    },
    {
        "text": "Chen Wei runs IT for a chain of hospitals. Studied medicine first, then switched to computer science. Paints watercolours. Wants hospitals to stop using fax machines. We talked for a good twenty minutes.",
        "gold": {
            "work": ["hospitals"],
            "education": ["medicine"],
            "passions": ["watercolour"],
            "drivers": ["fax"],
            "note": ["twenty minutes"],
        },
    },
    {
        "text": "Laura is the new CTO at Fabrikam. She's originally from Lyon. Climbs every weekend in Fontainebleau. Her mission is to hire more women engineers. Email her the meetup link today.",
        "gold": {
            "work": ["cto"],
            "origin": ["lyon"],
            "passions": ["climb"],
            "drivers": ["women engineers"],
            "followup": ["meetup"],
        },
        "due": {"meetup": "2026-12-01"},
    },
    {
        "text": "Sam from Northwind. Program manager on the ERP rollout. Went to school in Dublin. Keeps bees in his garden. Nice guy, very calm.",
        "gold": {
            "work": ["program manager"],
            "education": ["dublin"],
            "passions": ["bees"],
            "note": ["calm"],
        },
    },
    {
        "text": "Fatima Zahra, head of infrastructure at a telecom in Casablanca. Has an MBA from INSEAD. She is into photography. She is driven by getting rural areas online.",
        "gold": {
            "work": ["infrastructure"],
            "education": ["insead"],
            "passions": ["photography"],
            "drivers": ["rural"],
        },
    },
    {
        "text": "Jonas grew up on a farm in Sweden. Works as a cloud architect for Volvo. Collects vinyl records. Because his father's company went under, he wants to help small firms modernise.",
        "gold": {
            "origin": ["farm"],
            "work": ["cloud architect"],
            "passions": ["vinyl"],
            "drivers": ["small firms"],
        },
    },
    {
        "text": "Met Grace Liu. She manages the data platform at a bank in Singapore. Graduated from NUS. Plays badminton competitively. I'll send her our case study on Thursday.",
        "gold": {
            "work": ["data platform"],
            "education": ["nus"],
            "passions": ["badminton"],
            "followup": ["case study"],
        },
        "due": {"case study": "2026-12-03"},
    },
    {
        "text": "Diego Martinez, CIO of a retail group. Born in Buenos Aires. Dances tango. He hopes to retire the mainframe before he leaves. Seemed tired after the keynote.",
        "gold": {
            "work": ["retail"],
            "origin": ["buenos aires"],
            "passions": ["tango"],
            "drivers": ["mainframe"],
            "note": ["tired"],
        },
    },
    {
        "text": "Hannah is a product manager at Atlassian. She's from Perth. She loves surfing. Set up a call with her and Raj next week.",
        "gold": {
            "work": ["product manager"],
            "origin": ["perth"],
            "passions": ["surf"],
            "followup": ["raj"],
        },
        "due": {"raj": "2026-12-07"},
    },
    {
        "text": "Pavel, principal engineer at JetBrains. Studied at Charles University in Prague. In his spare time he builds synthesizers. He wants developer tools to feel calm again.",
        "gold": {
            "work": ["principal engineer"],
            "education": ["charles university"],
            "passions": ["synthesizer"],
            "drivers": ["calm"],
        },
    },
    {
        "text": "Amara Nwosu, director of IT at Lagos State. Was raised in Enugu. Sings in a gospel choir. Her dream is a paperless government. Send her the slides from my talk.",
        "gold": {
            "work": ["director of it"],
            "origin": ["enugu"],
            "passions": ["choir"],
            "drivers": ["paperless"],
            "followup": ["slides"],
        },
    },
    {
        "text": "Lucas Silva, security engineer at Nubank. Went to school in Sao Paulo. Surfs before work most days. Motivated by protecting people's savings. Two kids, both toddlers.",
        "gold": {
            "work": ["security engineer"],
            "education": ["sao paulo"],
            "passions": ["surf"],
            "drivers": ["savings"],
            "note": ["kids"],
        },
    },
    {
        "text": "Emma Clarke leads the analytics team at the BBC. She's originally from Belfast. Big fan of the Ulster rugby team. Introduce her to Sofia tomorrow.",
        "gold": {
            "work": ["analytics team"],
            "origin": ["belfast"],
            "passions": ["rugby"],
            "followup": ["sofia"],
        },
        "due": {"sofia": "2026-12-02"},
    },
    {
        "text": "Yusuf Demir, CTO of a logistics scale-up in Istanbul. Did his masters at TU Munich. Flies small planes. He wants to double the fleet without doubling the team.",
        "gold": {
            "work": ["logistics"],
            "education": ["tu munich"],
            "passions": ["planes"],
            "drivers": ["fleet"],
        },
    },
    {
        "text": "Nora is an enterprise architect at Equinor. She grew up near Bergen. Skis cross-country all winter. She was wearing a bright green scarf.",
        "gold": {
            "work": ["enterprise architect"],
            "origin": ["bergen"],
            "passions": ["ski"],
            "note": ["scarf"],
        },
    },
    {
        "text": "Mike Brown, consultant at Deloitte. From Manchester. Loves cooking Thai food. Hates wasted meetings and wants to fix how projects get scoped. Book a lunch with him in three weeks.",
        "gold": {
            "work": ["consultant"],
            "origin": ["manchester"],
            "passions": ["thai"],
            "drivers": ["scoped"],
            "followup": ["lunch"],
        },
        "due": {"lunch": "2026-12-22"},
    },
    {
        "text": "Isabel, head of digital at a museum in Madrid. She studied art history at the Complutense. She restores old furniture. She cares a lot about getting kids into museums.",
        "gold": {
            "work": ["head of digital"],
            "education": ["art history"],
            "passions": ["furniture"],
            "drivers": ["kids into museums"],
        },
    },
    {
        "text": "Arjun Mehta, site reliability engineer at Google. Born and raised in Pune. Plays tabla. Wants to write a book about incident response. Ping him about the conference CFP on Monday.",
        "gold": {
            "work": ["site reliability"],
            "origin": ["pune"],
            "passions": ["tabla"],
            "drivers": ["book"],
            "followup": ["cfp"],
        },
        "due": {"cfp": "2026-12-07"},
    },
    {
        "text": "Claire Dubois works at Airbus as an IT program manager. She went to school in Toulouse. Sails in Brittany every summer. Mentioned her team is moving to SAP next year.",
        "gold": {
            "work": ["program manager"],
            "education": ["toulouse"],
            "passions": ["brittany"],
            "note": ["sap"],
        },
    },
    {
        "text": "Kwame, CIO at a university in Accra. He studied engineering at KNUST. Loves highlife music. He is trying to get every student a laptop.",
        "gold": {
            "work": ["cio"],
            "education": ["knust"],
            "passions": ["highlife"],
            "drivers": ["laptop"],
        },
    },
    {
        "text": "Ines Ferreira, developer advocate at Microsoft. Originally from Porto. Runs a podcast about accessibility. Her purpose is making tech talks understandable. Send her my podcast notes on Wednesday.",
        "gold": {
            "work": ["developer advocate"],
            "origin": ["porto"],
            "passions": ["podcast"],
            "drivers": ["understandable"],
            "followup": ["podcast notes"],
        },
        "due": {"podcast notes": "2026-12-02"},
    },
    {
        "text": "Henrik Larsen, data scientist at Novo Nordisk. Grew up in Aarhus. Spends weekends sailing with his kids. We exchanged cards at the coffee break.",
        "gold": {
            "work": ["data scientist"],
            "origin": ["aarhus"],
            "passions": ["sailing"],
            "note": ["cards"],
        },
    },
    {
        "text": "Mei Tanaka is head of IT at a Kyoto hotel group. She graduated from Doshisha. Practises calligraphy. She wants guests to never see a login screen. Remember to share the hospitality report.",
        "gold": {
            "work": ["head of it"],
            "education": ["doshisha"],
            "passions": ["calligraphy"],
            "drivers": ["login screen"],
            "followup": ["hospitality report"],
        },
    },
    {
        "text": "Oscar Nilsson, engineering manager at Klarna. From Gothenburg. Obsessed with espresso machines. Interviewing for a VP role soon, keep it quiet.",
        "gold": {
            "work": ["engineering manager"],
            "origin": ["gothenburg"],
            "passions": ["espresso"],
            "note": ["vp role"],
        },
    },
    {
        "text": "Rachel Green, CFO at Central Perk. Studied accounting at NYU. Enjoys fashion design. Her goal is to get the finance team off spreadsheets. Call her next week.",
        "gold": {
            "work": ["cfo"],
            "education": ["nyu"],
            "passions": ["fashion"],
            "drivers": ["spreadsheets"],
            "followup": ["call her"],
        },
        "due": {"call her": "2026-12-07"},
    },
    {
        "text": "Viktor Petrov runs the platform team at Yandex Cloud. He's from Novosibirsk. Plays ice hockey on Thursdays. He wants to open source their scheduler.",
        "gold": {
            "work": ["platform team"],
            "origin": ["novosibirsk"],
            "passions": ["hockey"],
            "drivers": ["open source"],
        },
    },
    {
        "text": "Aisha Bello, cloud architect at Andela. Did her bachelor's in Abuja. Writes poetry. Because she learned to code late, she mentors career changers.",
        "gold": {
            "work": ["cloud architect"],
            "education": ["abuja"],
            "passions": ["poetry"],
            "drivers": ["career changers"],
        },
    },
    {
        "text": "Pierre, CTO of a fintech in Paris. Went to Polytechnique. Rides his road bike to work every day. Forward him the PSD3 summary by Friday.",
        "gold": {
            "work": ["fintech"],
            "education": ["polytechnique"],
            "passions": ["bike"],
            "followup": ["psd3"],
        },
        "due": {"psd3": "2026-12-04"},
    },
    {
        "text": "Lena Schmidt, IT director at Bosch. Grew up in Stuttgart. Plays chess online every night. She's determined to make the factories paper free. Very direct, I liked her.",
        "gold": {
            "work": ["it director"],
            "origin": ["stuttgart"],
            "passions": ["chess"],
            "drivers": ["paper free"],
            "note": ["direct"],
        },
    },
    {
        "text": "Tariq, head of engineering at Careem. Studied at the American University of Beirut. Loves desert camping. Wants to hire a hundred engineers in Pakistan. Send him the hiring playbook tomorrow.",
        "gold": {
            "work": ["head of engineering"],
            "education": ["american university"],
            "passions": ["camping"],
            "drivers": ["hundred engineers"],
            "followup": ["playbook"],
        },
        "due": {"playbook": "2026-12-02"},
    },
    {
        "text": "Zoe Adams, UX designer at Shopify. Originally from Halifax. Knits sweaters for her whole family. Her husband also works in tech.",
        "gold": {
            "work": ["ux designer"],
            "origin": ["halifax"],
            "passions": ["knit"],
            "note": ["husband"],
        },
    },
    {
        "text": "Marco Bianchi, CIO of a fashion house in Milan. Was born in Naples. Collects old Vespas. He hopes to bring AI into design without losing the craft. Email him the Gartner hype cycle next week.",
        "gold": {
            "work": ["fashion house"],
            "origin": ["naples"],
            "passions": ["vespa"],
            "drivers": ["craft"],
            "followup": ["hype cycle"],
        },
        "due": {"hype cycle": "2026-12-07"},
    },
    {
        "text": "Julia Novak, analyst at Gartner. Graduated in economics from Warsaw. Trains for triathlons. Mentioned she is moving to Vienna in spring.",
        "gold": {
            "work": ["analyst"],
            "education": ["economics"],
            "passions": ["triathlon"],
            "note": ["vienna"],
        },
    },
    {
        "text": "David Cohen, engineering lead at Wix. Grew up in Haifa. Plays bass in a jazz trio. Wants his team to ship every day without fear. Schedule a demo with him in a week.",
        "gold": {
            "work": ["engineering lead"],
            "origin": ["haifa"],
            "passions": ["bass"],
            "drivers": ["ship every day"],
            "followup": ["demo"],
        },
        "due": {"demo": "2026-12-08"},
    },
    {
        "text": "Ngozi, director of data at MTN. Studied statistics at Ibadan. Volunteers at a coding school on Saturdays. Her ambition is to run a data team of a thousand people.",
        "gold": {
            "work": ["director of data"],
            "education": ["ibadan"],
            "passions": ["volunteer"],
            "drivers": ["thousand"],
        },
    },
    {
        "text": "Kevin O'Brien, IT manager at a Dublin brewery. From Cork. Hurls for his local club. Cheerful, a great storyteller.",
        "gold": {
            "work": ["it manager"],
            "origin": ["cork"],
            "passions": ["hurl"],
            "note": ["storyteller"],
        },
    },
]
