"""People: GET|POST /people, GET|PATCH|DELETE /people/{id}, POST /people/{id}/notes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from pydantic import Field
from pydantic.config import JsonDict

from hallway.api.fast import PERSON_COLUMNS, json_answer, people_out
from hallway.api.pagination import PageParams
from hallway.api.schemas import (
    Day,
    EmailText,
    ErrorOut,
    FacetText,
    InputSchema,
    LongText,
    MetAtText,
    NonBlankName,
    NoteOut,
    Page,
    PersonId,
    PersonOut,
    PhoneText,
    QueryText,
    ShortText,
    TagText,
    UrlText,
    not_null,
)
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import signed_in_user
from hallway.people import services
from hallway.people.models import Person
from hallway.people.selectors import (
    OWNER_PEOPLE,
    everyone_rows,
    likely_duplicates_of,
    people_filter,
)
from hallway.people.services import MAX_TAGS

router = Router(tags=["people"])

KeepInTouchDays = Field(
    None, ge=1, le=3650, description="Days between contacts, 1 to 3650, or null."
)


# A real month and day (--02-29 too); with a year, the `date` format rules out 2023-02-29.
_MONTH_DAY = r"((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|[12][0-9]))"
# Years 1000 to 9999, but not 1604 and 1900: address books write those for "no year".
_YEAR = r"(1[0-57-8][0-9]{2}|16(0[0-35-9]|[1-9][0-9])|19(0[1-9]|[1-9][0-9])|[2-9][0-9]{3})"
_PARTIAL_DATE: JsonDict = {
    "anyOf": [
        {"maxLength": 0},
        {"pattern": rf"^--{_MONTH_DAY}$"},
        {"format": "date", "pattern": rf"^{_YEAR}-{_MONTH_DAY}$"},
    ]
}
PartialDateText = Annotated[
    str,
    Field(
        max_length=10,
        pattern=r"^(|\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$",
        description="YYYY-MM-DD, or --MM-DD when the year is unknown; empty to clear.",
        json_schema_extra=_PARTIAL_DATE,
    ),
]


class StoryIn(InputSchema):
    """The five facets; a facet you leave out is not changed, "" or null clears it."""

    work: FacetText | None = None
    origin: FacetText | None = None
    education: FacetText | None = None
    passions: FacetText | None = None
    drivers: FacetText | None = None


class PersonIn(InputSchema):
    name: NonBlankName = Field(..., min_length=1)
    email: EmailText = ""
    phone: PhoneText = ""
    company: ShortText = ""
    role: ShortText = ""
    location: ShortText = ""
    linkedin_url: UrlText = ""
    website: UrlText = ""
    met_at: MetAtText = ""
    keep_in_touch_days: int | None = KeepInTouchDays
    birthday: PartialDateText = ""
    anniversary: PartialDateText = ""
    tags: list[TagText] = Field(default_factory=list, max_length=MAX_TAGS)
    story: StoryIn | None = None


class PersonPatch(InputSchema):
    """Only the fields you send change."""

    name: NonBlankName | None = not_null("Not null: a person keeps a name.", min_length=1)
    email: EmailText | None = None
    phone: PhoneText | None = None
    company: ShortText | None = None
    role: ShortText | None = None
    location: ShortText | None = None
    linkedin_url: UrlText | None = None
    website: UrlText | None = None
    met_at: MetAtText | None = None
    keep_in_touch_days: int | None = KeepInTouchDays
    birthday: PartialDateText | None = None
    anniversary: PartialDateText | None = None
    tags: list[TagText] | None = Field(None, max_length=MAX_TAGS)
    story: StoryIn | None = None


class NoteIn(InputSchema):
    text: LongText = Field(..., min_length=1)
    date: Day | None = Field(None, description="YYYY-MM-DD; today when left out.")


class PeopleFilters(PageParams):
    q: QueryText = Field("", description="Words found anywhere: name, company, story, tags, notes.")
    tag: TagText = Field("", description="Only people with this tag (case-insensitive).")
    status: Literal["card", "connection"] | None = Field(
        None, description='"connection" (passions or drivers known) or "card".'
    )


NOT_FOUND = {404: ErrorOut}


def _person(request: HttpRequest, person_id: int) -> Person:
    return get_owned_or_404(Person.objects.prefetch_related("tags"), request.user, person_id)


def _story(payload: InputSchema) -> dict[str, Any] | None:
    story = getattr(payload, "story", None)
    return story.model_dump(exclude_unset=True) if story is not None else None


@router.get("/people", response=Page[PersonOut], summary="List people")
def list_people(request: HttpRequest, filters: Query[PeopleFilters]) -> HttpResponse:
    """Your people by name, filtered by words (`q`), `tag` and `status`."""
    user = signed_in_user(request)
    start, stop = filters.offset, filters.offset + filters.limit
    # Page[PersonOut] as ninja would write it, from rows rather than models (hallway.api.fast):
    # the same JSON in a fraction of the time, which was most of this request.
    if filters.q.strip() or filters.tag or filters.status:
        people = people_filter(
            user=user, q=filters.q, tag=filters.tag, status=filters.status or ""
        ).prefetch_related(None)
        rows = list(people.values_list(*PERSON_COLUMNS)[start:stop])
        count = people.count()
    else:  # everyone: statements compiled once
        rows = everyone_rows(owner_id=user.pk, columns=PERSON_COLUMNS, start=start, stop=stop)
        count = OWNER_PEOPLE.count(owner_id=user.pk)
    return json_answer({"items": people_out(rows), "count": count})


class PersonCreatedOut(PersonOut):
    likely_duplicates: list[int] = Field(
        default_factory=list,
        description="Ids of your people who are probably the same person (same name at the "
        "same company, or the same e-mail); merge them if so.",
    )


@router.post("/people", response={201: PersonCreatedOut}, summary="Add a person")
def create_person(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    fields = payload.model_dump(exclude={"story", "tags"})
    person = services.person_create(
        owner=signed_in_user(request), story=_story(payload), tags=payload.tags, **fields
    )
    created = _person(request, person.pk)
    created.likely_duplicates = [  # type: ignore[attr-defined]
        other.pk for other in likely_duplicates_of(person)
    ]
    return Status(201, created)


@router.get("/people/{person_id}", response={200: PersonOut, **NOT_FOUND}, summary="Show a person")
def get_person(request: HttpRequest, person_id: int = PersonId) -> Person:
    return _person(request, person_id)


@router.patch(
    "/people/{person_id}", response={200: PersonOut, **NOT_FOUND}, summary="Change a person"
)
def update_person(request: HttpRequest, payload: PersonPatch, person_id: int = PersonId) -> Person:
    person = _person(request, person_id)
    fields = payload.model_dump(exclude_unset=True, exclude={"story", "tags"})
    services.person_update(person=person, story=_story(payload), tags=payload.tags, **fields)
    return _person(request, person_id)


@router.delete("/people/{person_id}", response={204: None, **NOT_FOUND}, summary="Delete a person")
def delete_person(request: HttpRequest, person_id: int = PersonId) -> Status[None]:
    """Deletes the person with their notes, conversations and follow-ups."""
    services.person_delete(person=_person(request, person_id))
    return Status(204, None)


@router.post(
    "/people/{person_id}/notes", response={201: NoteOut, **NOT_FOUND}, summary="Add a dated note"
)
def add_note(request: HttpRequest, payload: NoteIn, person_id: int = PersonId) -> Status[Any]:
    note = services.note_add(
        person=_person(request, person_id), text=payload.text, date=payload.date
    )
    return Status(201, note)
