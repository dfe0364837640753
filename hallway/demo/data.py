"""The sample network's material: names, companies with their work and industry, story lines
and the follow-ups they lead to."""

from __future__ import annotations

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
# Each sample company with the role of its person there, an industry and what such a person
# does: a story is drawn from its own company's profile so role, company and story agree.
COMPANIES = [
    ("Northwind Health", "CIO", "health"),
    ("Contoso Bank", "CTO", "bank"),
    ("Globex Logistics", "Head of IT", "logistics"),
    ("Initech", "VP Engineering", "software"),
    ("Umbrella Retail", "Chief Data Officer", "retail"),
    ("Stark Energy", "CISO", "energy"),
    ("Wayne Mobility", "Director of Platform", "mobility"),
    ("Tyrell Biotech", "CIO", "biotech"),
    ("Acme Insurance", "Head of Cloud", "insurance"),
    ("Soylent Foods", "IT Director", "food"),
    ("Hooli", "Engineering Manager", "software"),
    ("Pied Piper", "CTO", "software"),
    ("Vandelay Imports", "Head of Digital", "logistics"),
    ("Cyberdyne Systems", "Chief Architect", "software"),
    ("Oceanic Air", "CIO", "airline"),
]
WORK = {
    "Northwind Health": [
        "Responsible for clinical systems in 30 hospitals",
        "Rolling out one patient record across every Northwind clinic",
    ],
    "Contoso Bank": [
        "Moving the bank's core systems off the mainframe",
        "Rebuilding Contoso's mobile banking app with a team of 80",
    ],
    "Globex Logistics": [
        "Keeps the warehouse systems of 12 countries running",
        "Replacing Globex's route-planning software",
    ],
    "Initech": [
        "Runs four product teams shipping Initech's billing platform",
        "Moving Initech from quarterly releases to daily deploys",
    ],
    "Umbrella Retail": [
        "Runs the data platform behind Umbrella's 900 stores",
        "Building demand forecasting with the merchandising team",
    ],
    "Stark Energy": [
        "Built Stark Energy's security operations centre from scratch",
        "Protects the control systems of the power plants",
    ],
    "Wayne Mobility": [
        "Runs the platform team behind Wayne's car-sharing app",
        "Scaling the fleet telemetry platform to a million vehicles",
    ],
    "Tyrell Biotech": [
        "Owns the lab systems and the ERP replacement programme",
        "Bringing Tyrell's research data into one cloud platform",
    ],
    "Acme Insurance": [
        "Moving Acme's claims systems to the cloud",
        "Runs the cloud platform team and its cost programme",
    ],
    "Soylent Foods": [
        "Runs IT for six factories and the head office",
        "Replacing the factories' 20-year-old ERP",
    ],
    "Hooli": [
        "Manages the search infrastructure team at Hooli",
        "Leads 25 engineers on Hooli's developer platform",
    ],
    "Pied Piper": [
        "Scaling Pied Piper's compression platform from 10 to 120 engineers",
        "Took Pied Piper's platform from startup hack to enterprise grade",
    ],
    "Vandelay Imports": [
        "Taking Vandelay's import business online",
        "Built the customs-clearance portal for Vandelay's customers",
    ],
    "Cyberdyne Systems": [
        "Designs the architecture of Cyberdyne's robotics software",
        "Sets the technology standards for Cyberdyne's 40 teams",
    ],
    "Oceanic Air": [
        "Runs the airline's booking and crew systems",
        "Moving Oceanic's flight operations off a 1990s system",
    ],
}
DRIVERS = {
    "health": ["Wants technology to give nurses time back with patients"],
    "bank": ["Never wants another outage on payday"],
    "logistics": ["Wants every parcel to be traceable, end to end"],
    "software": ["Proving a small team can out-ship a big one"],
    "retail": ["Never wants another outage on Black Friday"],
    "energy": ["Making the company carbon neutral by 2030"],
    "mobility": ["Getting cars out of city centres"],
    "biotech": ["Wants research data to cure diseases faster"],
    "insurance": ["Paying claims in a day instead of a month"],
    "food": ["Cutting food waste in the factories by half"],
    "airline": ["Never wants a passenger stranded by an IT failure again"],
    "any": [
        "Building something their kids will be proud of",
        "Mentoring the first woman CTO in the group",
    ],
}
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
# A passion and the follow-up a good conversation about it leads to.
PASSIONS = [
    ("Sails a small boat on weekends", "Send the link to the sailing club on the lake"),
    ("Training for the Boston marathon", "Share my marathon training plan"),
    ("Restores old motorbikes", "Send the name of the motorbike parts shop in Lyon"),
    ("Plays cello in an amateur orchestra", "Get tickets for the orchestra's spring concert"),
    ("Obsessed with sourdough baking", "Send the sourdough starter recipe"),
    ("Climbs in the Alps every summer", "Send the guide for the Chamonix route"),
    ("Coaches their daughter's football team", "Send the coaching drills video"),
    ("Collects first-edition sci-fi novels", "Lend the first edition of Neuromancer"),
]
# Follow-ups that come from the person's work, by industry.
WORK_FOLLOWUPS = {
    "health": "Intro to the hospital CIO who replaced their patient records",
    "bank": "Send the mainframe migration case study",
    "logistics": "Intro to our supply-chain analytics lead",
    "software": "Send the article on platform teams",
    "retail": "Share how we load-tested for peak season",
    "energy": "Send the OT security checklist",
    "mobility": "Intro to the city's open-data team",
    "biotech": "Send the lab data platform vendor shortlist",
    "insurance": "Share the cloud cost dashboard template",
    "food": "Intro to the ERP consultant who did our factories",
    "airline": "Send the talk on crew-scheduling outages",
}
GENERAL_FOLLOWUPS = [
    "Book a coffee for next month",
    "Send the slides from the keynote",
    "Connect on LinkedIn with a note",
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


ROLE_TAGS = {
    "CIO": "cio",
    "CTO": "cto",
    "CISO": "security",
    "Chief Data Officer": "data",
    "Head of Cloud": "cloud",
}
INDUSTRY_TAGS = {
    "health": "healthcare",
    "bank": "fintech",
    "insurance": "fintech",
    "energy": "climate",
}
