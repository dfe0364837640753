"""From the lines OCR read on a business card to the fields of a draft person (rules, no OCR)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class CardLine:
    text: str
    height: float
    top: float
    left: float = 0.0


@dataclass
class CardDraft:
    name: str = ""
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    linkedin_url: str = ""
    location: str = ""
    lines: list[str] = field(default_factory=list)

    def as_initial(self) -> dict[str, str]:
        return {
            name: getattr(self, name)
            for name in (
                "name",
                "company",
                "role",
                "email",
                "phone",
                "website",
                "linkedin_url",
                "location",
            )
            if getattr(self, name)
        }


_EMAIL = re.compile(r"[\w.+-]+\s?@\s?[\w-]+(?:\s?\.\s?[\w-]+)+", re.UNICODE)
_URL = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+(?:/\S*)?", re.I)
_PHONE = re.compile(r"\+?\(?\d[\d\s().\-/]{6,}\d")
_LABEL = re.compile(
    r"^\s*(?:e-?mail|mail|email|tel(?:ephone)?|phone|mobile|mob|cell|fax|web|site|m|t|p|e|w|f)\s*[.:|]\s*",
    re.I,
)
ROLE_WORDS = {
    "chief",
    "officer",
    "ceo",
    "cto",
    "cio",
    "cfo",
    "coo",
    "ciso",
    "cmo",
    "cdo",
    "vp",
    "svp",
    "evp",
    "vice",
    "president",
    "director",
    "head",
    "manager",
    "engineer",
    "architect",
    "founder",
    "co-founder",
    "cofounder",
    "partner",
    "consultant",
    "lead",
    "principal",
    "developer",
    "analyst",
    "designer",
    "specialist",
    "advisor",
    "adviser",
    "owner",
    "chair",
    "chairman",
    "chairwoman",
    "scientist",
    "researcher",
    "professor",
    "associate",
    "executive",
    "administrator",
    "coordinator",
    "strategist",
    "officer,",
    "intern",
    "representative",
    "senior",
    "sr.",
    "junior",
}
# Legal forms mark a company for sure; the other words only suggest one.
STRONG_COMPANY_WORDS = {
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "gmbh",
    "corp",
    "corp.",
    "plc",
    "ag",
    "sa",
    "bv",
    "oy",
    "ab",
    "limited",
}
COMPANY_WORDS = {
    *STRONG_COMPANY_WORDS,
    "corporation",
    "co.",
    "company",
    "group",
    "s.a.",
    "b.v.",
    "labs",
    "technologies",
    "technology",
    "solutions",
    "systems",
    "consulting",
    "bank",
    "university",
    "partners",
    "industries",
    "holdings",
    "software",
    "services",
    "studio",
    "traders",
    "associates",
    "ventures",
    "capital",
    "networks",
    "media",
    "sarl",
    "s.r.l.",
    "srl",
    "kg",
}
_LOCATION = re.compile(
    r"\b\d{4,5}\b|,\s*[A-Z]{2}\b|\b(street|st\.|avenue|ave\.?|road|rd\.|suite|floor|strasse|straße|rue)\b",
    re.I,
)


def _words(text: str) -> list[str]:
    return [word.strip(",;:()").lower() for word in text.split()]


def _is_role(text: str) -> bool:
    return any(word in ROLE_WORDS for word in _words(text)) or text.strip().lower() in {
        "cto",
        "ceo",
        "cio",
        "cfo",
    }


def _has_company_suffix(text: str) -> bool:
    return any(word in STRONG_COMPANY_WORDS for word in _words(text))


def _display_case(text: str) -> str:
    """Cards often print the company in capitals; show it the way people write it."""
    if text.isupper() and len(text.split()) > 1:
        return " ".join(
            word
            if len(word) <= 3 and word.isalpha() and word not in {"INC", "LTD", "LLC"}
            else word.capitalize()
            for word in text.split()
        )
    return text


_SUFFIXES = {
    "inc.": "Inc.",
    "inc": "Inc",
    "ltd": "Ltd",
    "ltd.": "Ltd.",
    "llc": "LLC",
    "gmbh": "GmbH",
    "corp.": "Corp.",
    "plc": "plc",
}
_GLUED_SUFFIX = re.compile(r"(?<=[^\W\d_])\s?(inc\.?|ltd\.?|llc|gmbh|corp\.|plc)$", re.I)


def _company_spacing(text: str) -> str:
    """OCR often glues the legal suffix to the name on a tilted photo: "ContosoLtd" → "Contoso Ltd"."""
    match = _GLUED_SUFFIX.search(text)
    if not match:
        return text
    suffix = _SUFFIXES.get(match.group(1).lower(), match.group(1))
    return f"{text[: match.start()].rstrip()} {suffix}"


def _is_company(text: str, domains: set[str]) -> bool:
    words = _words(text)
    if any(word in COMPANY_WORDS for word in words):
        return True
    folded = re.sub(r"[^a-z0-9]", "", text.lower())
    return any(
        domain and len(domain) >= 3 and (domain in folded or (folded and folded in domain))
        for domain in domains
    )


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4 or any(char.isdigit() for char in text):
        return False
    return all(re.fullmatch(r"[^\W\d_][\w'’.\-]*", word) for word in words) and any(
        word[0].isupper() for word in words
    )


def _clean_phone(text: str) -> str:
    match = _PHONE.search(text)
    return " ".join(match.group(0).split()) if match else ""


def draft_from_lines(lines: list[CardLine]) -> CardDraft:
    """Guess name, company, role, e-mail, phone, website and location from the card's lines."""
    draft = CardDraft(lines=[line.text for line in lines])
    rest: list[CardLine] = []
    for line in lines:
        text = line.text.strip()
        body = _LABEL.sub("", text)
        email = _EMAIL.search(body)
        if email and not draft.email:
            draft.email = re.sub(r"\s", "", email.group(0)).strip(".")
            continue
        if "linkedin" in body.lower() and not draft.linkedin_url:
            url = _URL.search(body.replace(" ", ""))
            if url:
                value = url.group(0)
                draft.linkedin_url = value if value.startswith("http") else f"https://{value}"
                continue
        digits = sum(char.isdigit() for char in body)
        phone = _PHONE.search(body)
        if digits >= 7 and phone and not _LOCATION.search(body.replace(phone.group(0), "")):
            if not draft.phone:
                draft.phone = _clean_phone(body)
            continue
        url = _URL.fullmatch(body.strip()) or (
            _URL.search(body)
            if re.search(r"www\.|https?://|\.(com|org|net|io|example)\b", body, re.I)
            else None
        )
        if url and " " not in url.group(0) and not draft.website and "@" not in body:
            value = url.group(0).rstrip(".,")
            draft.website = value if value.lower().startswith("http") else f"https://{value}"
            continue
        rest.append(line)
    domains = set()
    for value in (draft.email.split("@")[-1] if draft.email else "", draft.website):
        host = re.sub(r"^https?://", "", value.lower()).split("/")[0]
        host = re.sub(r"^www\.", "", host)
        if host:
            domains.add(re.sub(r"[^a-z0-9]", "", host.split(".")[0]))
    names: list[CardLine] = []
    for line in rest:
        text = " ".join(line.text.split())
        if not draft.role and _is_role(text) and not _has_company_suffix(text):
            draft.role = text
        elif not draft.company and _is_company(text, domains):
            draft.company = _company_spacing(_display_case(text))
        elif _looks_like_name(text):
            names.append(line)
        elif not draft.location and _LOCATION.search(text):
            draft.location = text
    if names:
        best = max(names, key=lambda line: line.height)
        draft.name = " ".join(best.text.split())
        leftovers = [line for line in names if line is not best]
        if not draft.company and leftovers:
            draft.company = " ".join(leftovers[0].text.split())
    return draft
