from __future__ import annotations

import mimetypes
from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import (
    add_service_errors,
    is_htmx,
    paginate,
    query_without_page,
    signed_in_user,
)
from hallway.people import services
from hallway.people.forms import NoteForm, PersonFilterForm, PersonForm
from hallway.people.models import Note, Person
from hallway.people.selectors import (
    LIST_ROW_FIELDS,
    OWNER_PEOPLE,
    OWNER_TAG_NAMES,
    PER_PAGE,
    ListRow,
    first_page_rows,
    likely_duplicates,
    list_rows,
    people_filter,
    person_page_reads,
    story_items,
    tag_names_by_person,
    with_tag_names,
    words_reads,
)
from hallway.people.timeline import person_timeline


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    filters = PersonFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    filtered = any(values.get(key) for key in ("q", "tag", "status"))
    owner_id = request.user.pk
    # The rows' tags come in one plain query (tag_names_by_person), not through a prefetch;
    # everyone (or whoever the words alone match) is counted and the first page read by
    # compiled statements, without building the filter's queryset at all.
    count: int | None = OWNER_PEOPLE.count(owner_id=owner_id) if not filtered else None
    first_page: Callable[[], list[ListRow]] | None = None
    if filtered:
        words_only = values.get("q") and not values.get("tag") and not values.get("status")
        reads = words_reads(user=signed_in_user(request), q=values["q"]) if words_only else None
        if reads is not None:
            count, first_page = reads
    else:
        first_page = partial(first_page_rows, owner_id=signed_in_user(request).pk)
    if first_page is not None and request.GET.get("page") in (None, "", "1"):
        page = paginate(request, [], per_page=PER_PAGE, count=count)
        page.object_list = first_page()
    else:
        people = people_filter(
            user=signed_in_user(request),
            q=values.get("q", ""),
            tag=values.get("tag", ""),
            status=values.get("status", ""),
        )
        rows = people.prefetch_related(None).values_list(*LIST_ROW_FIELDS)
        page = paginate(request, rows, per_page=PER_PAGE, count=count)
        page.object_list = list_rows(page.object_list)
    context = {
        "filters": filters,
        "page": page,
        "query": query_without_page(request),
        "tags": OWNER_TAG_NAMES.list(owner_id=request.user.pk),
        "tag_names": tag_names_by_person(person.pk for person in page.object_list),
        # Counting 100,000 rows twice costs more than rendering the page: reuse the count.
        "total": OWNER_PEOPLE.count(owner_id=request.user.pk) if filtered else page.paginator.count,
    }
    template = "people/partials/list_results.html" if is_htmx(request) else "people/list.html"
    return render(request, template, context)


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, initial={"name": request.GET.get("name", "")})
    duplicates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if not request.POST.get("duplicate_ok"):
            duplicates = likely_duplicates(
                user=signed_in_user(request),
                name=fields["name"],
                company=fields.get("company", ""),
                email=fields.get("email", ""),
            )
        if not duplicates:
            try:
                person = services.person_create(owner=signed_in_user(request), **fields)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{person.name} added. Now collect their story.")
                return redirect(person)
    context = {"form": form, "title": "Add a person", "duplicates": duplicates}
    return render(request, "people/form.html", context)


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    # Its tags by one plain query (compiled once), not Django's prefetch (~0.5 ms to build).
    [person] = with_tag_names([get_owned_or_404(Person, request.user, person_id)])
    story = story_items(person)
    context = {
        "person": person,
        "story": story,
        "timeline": person_timeline(person=person),
        "note_form": NoteForm(),
        **person_page_reads(person=person),
    }
    return render(request, "people/detail.html", context)


@login_required
@require_GET
def person_photo(request: HttpRequest, person_id: int) -> HttpResponseBase:
    """The person's photo, to its owner only (404 for anyone else, as if it did not exist)."""
    person = get_owned_or_404(Person, request.user, person_id)
    if not person.photo:
        raise Http404("No photo.")
    try:
        handle = person.photo.open("rb")
    except OSError as error:
        raise Http404("No photo.") from error
    response = FileResponse(handle, content_type=_photo_type(person.photo.name))
    # Private: only this browser may keep it (never a shared proxy); the URL changes with the file.
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


def _photo_type(name: str) -> str:
    guessed, _ = mimetypes.guess_type(name)
    # Only image types are served as such; anything else is a download the browser won't render.
    return guessed if guessed and guessed.startswith("image/") else "application/octet-stream"


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_owned_or_404(Person, request.user, person_id)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            # The form already set attributes on the instance; the service validates and saves.
            services.person_update(person=person, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(person)
    return render(
        request,
        "people/form.html",
        {"form": form, "title": f"Edit {person.name}", "person": person},
    )


@login_required
def person_delete(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_owned_or_404(Person, request.user, person_id)
    if request.method == "POST":
        name = person.name
        services.person_delete(person=person)
        messages.success(
            request,
            f"{name} and their story were deleted. Changed your mind? Settings → Recently deleted"
            " brings them back for 30 days.",
        )
        return redirect("people:list")
    return render(request, "people/confirm_delete.html", {"person": person})


@login_required
@require_POST
def note_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_owned_or_404(Person, request.user, person_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(
                person=person, text=form.cleaned_data["text"], date=form.cleaned_data["date"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if is_htmx(request):
                return _timeline_partial(request, person, NoteForm())
            messages.success(request, "Note added.")
            return redirect(person)
    if is_htmx(request):
        return _timeline_partial(request, person, form, status=422)
    messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(person)


@login_required
@require_POST
def note_delete(request: HttpRequest, note_id: int) -> HttpResponse:
    note = get_owned_or_404(Note, request.user, note_id)
    person = note.person
    services.note_delete(note=note)
    if is_htmx(request):
        return _timeline_partial(request, person, NoteForm())
    return redirect(person)


def _timeline_partial(
    request: HttpRequest, person: Person, note_form: NoteForm, status: int = 200
) -> HttpResponse:
    """The htmx answer to a note added or deleted: the person's timeline, with the note form."""
    context = {"person": person, "timeline": person_timeline(person=person), "note_form": note_form}
    return render(request, "people/partials/timeline.html", context, status=status)
