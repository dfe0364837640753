"""Web pages: import with a preview, possible duplicates and merge, card scan, export and backup."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hallway.interop import importing
from hallway.interop.backup import backup_create, backup_dumps
from hallway.interop.cards import (
    CardImageError,
    OcrUnavailable,
    card_read,
    ocr_unavailable_reason,
)
from hallway.interop.duplicates import possible_duplicates
from hallway.interop.exporting import calendar_export, vcards_export
from hallway.interop.forms import CardForm, ImportForm
from hallway.interop.matching import PeopleIndex, keys_of
from hallway.interop.merging import not_duplicate_mark, owned_pair, people_merge
from hallway.interop.models import PendingImport
from hallway.interop.parsers import FORMAT_LABELS, ImportFileError
from hallway.interop.pending_imports import (
    pending_import_create,
    pending_import_data,
    pending_import_delete,
)
from hallway.lib.ownership import get_owned_or_404, owned
from hallway.lib.web import add_service_errors, is_htmx, signed_in_user
from hallway.people import services as people_services
from hallway.people.forms import PersonForm
from hallway.people.models import Person

PREVIEW_ROWS = 200


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    """Upload a file; it is read at once so a bad file is refused before anything is kept."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = importing.import_preview(
                owner=signed_in_user(request), data=data, format=form.cleaned_data["format"] or None
            )
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            pending = pending_import_create(
                owner=signed_in_user(request), filename=upload.name, format=plan.format, data=data
            )
            return redirect("interop:preview", pending_id=pending.pk)
    return render(
        request,
        "interop/import.html",
        {
            "form": form,
            "formats": FORMAT_LABELS,
            "people_count": owned(Person, request.user).count(),
        },
    )


def _plan_for(request: HttpRequest, pending: PendingImport) -> importing.ImportPlan | None:
    try:
        return importing.import_preview(
            owner=signed_in_user(request),
            data=pending_import_data(pending),
            format=pending.format or None,
        )
    except ImportFileError as error:
        messages.error(request, error.message)
        return None


@login_required
def import_preview(request: HttpRequest, pending_id: int) -> HttpResponse:
    pending = get_owned_or_404(PendingImport, request.user, pending_id)
    plan = _plan_for(request, pending)
    if plan is None:
        return redirect("interop:import")
    context = {
        "pending": pending,
        "plan": plan,
        "format_label": FORMAT_LABELS.get(plan.format, plan.format),
        "new_rows": plan.rows_with("create")[:PREVIEW_ROWS],
        "update_rows": plan.rows_with("update")[:PREVIEW_ROWS],
        "skip_rows": plan.rows_with("skip")[:PREVIEW_ROWS],
        "new_events": plan.events_with("create")[:PREVIEW_ROWS],
        "errors": plan.errors[:PREVIEW_ROWS],
        "limit": PREVIEW_ROWS,
    }
    return render(request, "interop/preview.html", context)


@login_required
@require_POST
def import_apply(request: HttpRequest, pending_id: int) -> HttpResponse:
    pending = get_owned_or_404(PendingImport, request.user, pending_id)
    data = pending_import_data(pending)
    try:
        plan = importing.import_file(
            owner=signed_in_user(request), data=data, format=pending.format or None
        )
    except ImportFileError as error:
        messages.error(request, f"{error.message} Nothing was imported.")
        return redirect("interop:import")
    except ValidationError as error:
        messages.error(request, f"{' '.join(error.messages)} Nothing was imported.")
        return redirect("interop:preview", pending_id=pending.pk)
    pending_import_delete(pending=pending)
    return render(request, "interop/result.html", {"plan": plan, "filename": pending.filename})


@login_required
@require_POST
def import_cancel(request: HttpRequest, pending_id: int) -> HttpResponse:
    pending = get_owned_or_404(PendingImport, request.user, pending_id)
    pending_import_delete(pending=pending)
    messages.success(request, "Import cancelled; nothing was written.")
    return redirect("interop:import")


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    pairs = possible_duplicates(user=signed_in_user(request))
    template = (
        "interop/partials/duplicate_list.html" if is_htmx(request) else "interop/duplicates.html"
    )
    return render(request, template, {"pairs": pairs})


@login_required
def merge(request: HttpRequest, first_id: int, second_id: int) -> HttpResponse:
    """Confirm, then fold one person into the other; the form says which one stays."""
    first, second = owned_pair(signed_in_user(request), first_id, second_id)
    if request.method == "POST":
        keep_second = request.POST.get("keep") == str(second.pk)
        keep, duplicate = (second, first) if keep_second else (first, second)
        try:
            merged = people_merge(person=keep, duplicate=duplicate)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("interop:duplicates")
        messages.success(
            request,
            f"Merged {duplicate.name} into {merged.name}: story, notes, conversations and follow-ups kept.",
        )
        return redirect(merged)
    return render(request, "interop/merge.html", {"first": first, "second": second})


@login_required
@require_POST
def not_duplicate(request: HttpRequest, first_id: int, second_id: int) -> HttpResponse:
    first, second = owned_pair(signed_in_user(request), first_id, second_id)
    try:
        not_duplicate_mark(first=first, second=second)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if is_htmx(request):
        return render(
            request,
            "interop/partials/duplicate_list.html",
            {"pairs": possible_duplicates(user=signed_in_user(request))},
        )
    messages.success(request, f"{first.name} and {second.name} will not be proposed again.")
    return redirect("interop:duplicates")


@login_required
def scan(request: HttpRequest) -> HttpResponse:
    """Photo of a card → OCR → a draft person to check and save."""
    form = CardForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form, "ocr_reason": ocr_unavailable_reason()}
    if request.method == "POST" and form.is_valid():
        try:
            draft = card_read(form.cleaned_data["photo"].read())
        except OcrUnavailable as error:
            form.add_error("photo", str(error))
        except CardImageError as error:
            form.add_error("photo", error.message)
        else:
            initial = {**draft.as_initial(), "met_at": "Business card"}
            keys = keys_of(
                name=draft.name,
                emails=[draft.email] if draft.email else [],
                phones=[draft.phone] if draft.phone else [],
                linkedin_url=draft.linkedin_url,
            )
            match, reason, maybe = PeopleIndex.for_user(signed_in_user(request)).match(keys)
            known = (
                owned(Person, request.user).filter(pk=match or maybe).first()
                if (match or maybe)
                else None
            )
            context.update(
                {
                    "draft": draft,
                    "person_form": PersonForm(initial=initial),
                    "known": known,
                    "reason": reason or "same name",
                }
            )
    return render(request, "interop/scan.html", context)


@login_required
@require_POST
def scan_save(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST)
    if form.is_valid():
        try:
            person = people_services.person_create(
                owner=signed_in_user(request), **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{person.name} added from their card. Now collect their story."
            )
            return redirect(person)
    return render(
        request,
        "interop/scan.html",
        {"form": CardForm(), "person_form": form, "ocr_reason": ocr_unavailable_reason()},
        status=422,
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    return render(
        request, "interop/export.html", {"people_count": owned(Person, request.user).count()}
    )


@login_required
def export_vcf(request: HttpRequest) -> StreamingHttpResponse:
    version = "3.0" if request.GET.get("version") == "3.0" else "4.0"
    response = StreamingHttpResponse(
        vcards_export(user=signed_in_user(request), version=version),
        content_type="text/vcard; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="hallway.vcf"'
    return response


@login_required
def export_ics(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        calendar_export(user=signed_in_user(request)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="hallway.ics"'
    return response


@login_required
def backup(request: HttpRequest) -> HttpResponse:
    """Everything of the logged-in user as the same file `hallway backup --user` writes."""
    body = backup_dumps(backup_create(user=signed_in_user(request)))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="hallway-backup-{stamp}.json"'
    return response
