"""Import and export: POST /imports, GET /export.vcf, GET /export.ics, duplicates and merge."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import File, Form, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from hallway.api.schemas import ErrorOut, ObjectId, PersonOut, required_upload
from hallway.interop.duplicates import possible_duplicates
from hallway.interop.exporting import calendar_export, vcards_export
from hallway.interop.importing import import_file
from hallway.interop.merging import people_merge
from hallway.interop.parsers import MAX_IMPORT_BYTES, ImportFileError, check_size
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import signed_in_user
from hallway.people.models import Person

router = Router(tags=["import and export"])


class RowErrorOut(Schema):
    line: int = Field(description="Line of the file where the problem is (0 when unknown).")
    message: str


class PossibleDuplicateOut(Schema):
    line: int
    name: str = Field(description="The new person, created from this line.")
    person_id: int | None = Field(
        description="The person they share a detail with (null: an earlier line of the file)."
    )
    person_name: str
    reason: str = Field(description="What they share, e.g. “same e-mail, different name”.")


class SkippedItemOut(Schema):
    line: int
    name: str
    reason: str = Field(description="Why it is not imported, e.g. “already known, nothing new”.")


class ImportOut(Schema):
    format: str = Field(description="vcard, linkedin, google, outlook or ics")
    dry_run: bool
    created: int
    updated: int
    skipped: int = Field(description="Already known with nothing new, or a repeat within the file.")
    matched: dict[str, int] = Field(
        default_factory=dict,
        description="Rows recognised as one of your people, counted by what matched "
        "(“same e-mail and name”, “same phone and name”, “same LinkedIn profile”, "
        "“same Hallway UID”, “same name”).",
    )
    flagged: int = Field(
        0, description="New people who share an e-mail or phone with someone: possible duplicates."
    )
    possible_duplicates: list[PossibleDuplicateOut] = Field(default_factory=list)
    skipped_items: list[SkippedItemOut] = Field(
        default_factory=list, description="What was skipped and why, in file order."
    )
    errors: list[RowErrorOut]


class ExportParams(Schema):
    version: Literal["3.0", "4.0"] = Field(
        "4.0", description="vCard version: 4.0 (default) or 3.0."
    )


class MergeIn(Schema):
    keep: ObjectId = Field(..., description="The person who stays.")
    merge: ObjectId = Field(..., description="The duplicate folded into `keep`, then deleted.")


class DuplicateOut(Schema):
    first: PersonOut
    second: PersonOut
    reasons: list[str]


@router.post(
    "/imports",
    response={200: ImportOut, 413: ErrorOut, 422: ErrorOut},
    summary="Import contacts or events from a file",
    openapi_extra=required_upload("file"),
)
def create_import(
    request: HttpRequest,
    file: File[UploadedFile | None] = None,
    # Left out: detected from the content (a form has no null, so the document names none).
    format: Literal["vcard", "linkedin", "google", "outlook", "ics"] = Form(None),
    dry_run: Form[bool] = False,
) -> dict[str, Any]:
    """Multipart form: the file in `file`; `format` (detected from the content when absent);
    `dry_run=true` returns what would happen without writing anything. The whole file is
    imported in one transaction: a file-level problem (422) writes nothing; row problems are
    listed in `errors` with their line numbers. Limit: HALLWAY_IMPORT_MAX_BYTES (20 MB)."""
    if file is None:
        raise HttpError(422, "Send the file to import in the multipart form field `file`.")
    if file.size is not None and file.size > MAX_IMPORT_BYTES:
        try:
            check_size(file.size)
        except ImportFileError as error:
            raise HttpError(413, error.message) from error
    data = file.read(MAX_IMPORT_BYTES + 1)
    try:
        plan = import_file(owner=request.user, data=data, format=format, dry_run=dry_run)
    except ImportFileError as error:
        raise HttpError(413 if len(data) > MAX_IMPORT_BYTES else 422, error.message) from error
    return {**plan.result(), "dry_run": dry_run}


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> Any:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get("/export.vcf", response={200: None}, summary="Export your people as vCards")
def export_vcards(request: HttpRequest, params: Query[ExportParams]) -> Any:
    """All your people in one .vcf file (vCard 4.0 by default, `version=3.0` for older tools),
    with story facets and notes in NOTE and X-HALLWAY-* properties so nothing is lost."""
    stream = vcards_export(user=request.user, version=params.version)
    return _attachment(
        StreamingHttpResponse(stream, content_type="text/vcard; charset=utf-8"), "hallway.vcf"
    )


@router.get("/export.ics", response={200: None}, summary="Export your events and follow-ups")
def export_calendar(request: HttpRequest) -> Any:
    """Your events (UTC times) and open follow-ups with a due date (all-day) as iCalendar."""
    body = calendar_export(user=request.user)
    return _attachment(
        HttpResponse(body, content_type="text/calendar; charset=utf-8"), "hallway.ics"
    )


@router.get("/duplicates", response=list[DuplicateOut], summary="Possible duplicates")
def list_duplicates(request: HttpRequest) -> list[Any]:
    """Pairs of your people that share an e-mail, phone, LinkedIn profile or name (at most 50)."""
    return possible_duplicates(user=signed_in_user(request))


@router.post(
    "/duplicates/merge",
    response={200: PersonOut, 404: ErrorOut, 422: ErrorOut},
    summary="Merge two people",
)
def merge_people(request: HttpRequest, payload: MergeIn) -> Person:
    """Fold `merge` into `keep`: story facets merged, notes, conversations, follow-ups, tags and
    want-to-meet lists moved, then `merge` is deleted. Someone else's person is a 404."""
    keep = get_owned_or_404(Person, request.user, payload.keep)
    duplicate = get_owned_or_404(Person, request.user, payload.merge)
    merged = people_merge(person=keep, duplicate=duplicate)
    return Person.objects.prefetch_related("tags").get(pk=merged.pk)
