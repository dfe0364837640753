"""Backup and restore: one versioned JSON file with everything of one user or of the instance.

The file holds Django's own serialisation of every Hallway model (so data of every feature app
comes along without this module knowing it), the accounts, and the uploaded files (photos)
inline as base64. Restore goes into an empty instance, on SQLite or PostgreSQL alike, keeping
ids, and resets the database sequences afterwards.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils import timezone

from hallway.lib import hooks

BACKUP_FORMAT = "hallway-backup"
BACKUP_VERSION = 1
# Transient rows that make no sense in another instance, and derived data (the search index)
# that the change hooks rebuild for every restored person.
EXCLUDED_MODELS = {
    "interop.pendingimport",
    "search.searchdocument",
    "search.nameterm",
    "search.embeddingstate",
    # phone sync's revisions are rebuilt by the change hooks (phones then sync afresh)
    "sync.synccounter",
    "sync.cardchange",
}

Progress = Callable[[int, int], None]


class BackupError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _hallway_models() -> list[type[models.Model]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("hallway."):
            continue
        for model in config.get_models():
            if (
                model._meta.label_lower not in EXCLUDED_MODELS
                and not model._meta.proxy
                and model._meta.managed
            ):
                found.append(model)
    return found


def _user_filter(model: type[models.Model], user: User) -> dict[str, Any] | None:
    """How to select the user's rows of this model: a FK to the user, or to something owned."""
    user_model = get_user_model()
    fields = [f for f in model._meta.get_fields() if isinstance(f, models.ForeignKey)]
    for field in fields:
        if field.related_model is user_model:
            return {field.name: user}
    for field in fields:
        target = field.related_model
        for inner in target._meta.get_fields():  # type: ignore[union-attr]
            if isinstance(inner, models.ForeignKey) and inner.related_model is user_model:
                return {f"{field.name}__{inner.name}": user}
    return None


def _querysets(user: User | None) -> tuple[list[models.QuerySet[Any]], list[str]]:
    user_model = get_user_model()
    skipped: list[str] = []
    if user is None:
        querysets: list[models.QuerySet[Any]] = [
            Group.objects.order_by("pk"),
            user_model.objects.order_by("pk"),
        ]
        querysets += [model._default_manager.order_by("pk") for model in _hallway_models()]
        return querysets, skipped
    querysets = [user.groups.order_by("pk"), user_model.objects.filter(pk=user.pk)]
    for model in _hallway_models():
        condition = _user_filter(model, user)
        if condition is None:
            skipped.append(model._meta.label)
            continue
        querysets.append(model._default_manager.filter(**condition).order_by("pk"))
    return querysets, skipped


def _file_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]


def _embed_files(
    model: type[models.Model], rows: list[dict[str, Any]], files: dict[str, str]
) -> None:
    """Put the uploaded files the rows point to into `files` (path -> base64)."""
    for name in _file_fields(model):
        for row in rows:
            path = row["fields"].get(name)
            if path and path not in files and default_storage.exists(path):
                with default_storage.open(path, "rb") as handle:
                    files[path] = base64.b64encode(handle.read()).decode()


def objects_snapshot(objects: list[models.Model]) -> dict[str, Any]:
    """Some rows (say a person and everything deleting them takes along) with their files, in
    the backup file's format and JSON-ready; `objects_restore` brings them back."""
    rows: list[dict[str, Any]] = []
    files: dict[str, str] = {}
    for instance in objects:
        model = type(instance)
        if model._meta.label_lower in EXCLUDED_MODELS:
            continue
        serialized = serializers.serialize("python", [instance], use_natural_foreign_keys=True)
        _embed_files(model, serialized, files)
        rows += serialized
    snapshot = {"format": BACKUP_FORMAT, "version": BACKUP_VERSION, "objects": rows, "files": files}
    return json.loads(backup_dumps(snapshot))


def backup_create(*, user: User | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """Everything of `user` (or of the whole instance when None) as one JSON-ready dict."""
    querysets, skipped = _querysets(user)
    total = sum(queryset.count() for queryset in querysets)
    objects: list[dict[str, Any]] = []
    files: dict[str, str] = {}
    counts: dict[str, int] = {}
    done = 0
    for queryset in querysets:
        model = queryset.model
        rows = serializers.serialize(
            "python", queryset.iterator(chunk_size=2000), use_natural_foreign_keys=True
        )
        counts[model._meta.label] = counts.get(model._meta.label, 0) + len(rows)
        objects += rows
        _embed_files(model, rows, files)
        done += len(rows)
        if progress:
            progress(done, total)
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "created_at": timezone.now().isoformat(),
        "scope": "instance" if user is None else "user",
        "user": None if user is None else user.get_username(),
        "counts": counts,
        "skipped_models": skipped,
        "objects": objects,
        "files": files,
    }


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def backup_dumps(backup: dict[str, Any]) -> str:
    return json.dumps(backup, cls=_ExactEncoder, ensure_ascii=False, indent=1)


def backup_loads(text: str | bytes) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(
            f"The backup is not valid JSON ({str(error)[:100]}); is it a Hallway backup file?"
        ) from error
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise BackupError("This is not a Hallway backup file (no “format”: “hallway-backup”).")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise BackupError("The backup has no valid version number.")
    if version > BACKUP_VERSION:
        raise BackupError(
            f"The backup is version {version}, made by a newer Hallway; this one reads up to version {BACKUP_VERSION}."
        )
    if not isinstance(data.get("objects"), list) or not isinstance(data.get("files", {}), dict):
        raise BackupError("The backup is damaged: “objects” must be a list and “files” an object.")
    return data


def instance_is_empty() -> bool:
    if get_user_model().objects.exists():
        return False
    return not any(model._default_manager.exists() for model in _hallway_models())


def _load(
    objects: list[Any],
    files: dict[str, Any],
    *,
    progress: Progress | None = None,
    reset_sequences: bool = False,
    keep_existing_files: bool = False,
) -> dict[str, int]:
    """Save serialised rows and files in one transaction; on any problem nothing stays."""
    counts: dict[str, int] = {}
    written_files: list[str] = []
    restored_models: set[type[models.Model]] = set()
    person_ids: list[int] = []
    try:
        with transaction.atomic():
            with connection.constraint_checks_disabled():
                for index, item in enumerate(
                    serializers.deserialize("python", objects, handle_forward_references=True)
                ):
                    item.save()
                    model = type(item.object)
                    restored_models.add(model)
                    counts[model._meta.label] = counts.get(model._meta.label, 0) + 1
                    if model._meta.label_lower == "people.person":
                        person_ids.append(item.object.pk)
                    if progress and index % 500 == 0:
                        progress(index, len(objects))
            connection.check_constraints(
                table_names=[model._meta.db_table for model in restored_models]
            )
            statements = (
                connection.ops.sequence_reset_sql(no_style(), list(restored_models))
                if reset_sequences
                else []
            )
            if statements:
                with connection.cursor() as cursor:
                    for statement in statements:
                        cursor.execute(statement)
            for path, encoded in files.items():
                if not isinstance(path, str) or ".." in path or path.startswith("/"):
                    raise BackupError(
                        f"The backup names a file outside the media folder: {str(path)[:80]}"
                    )
                if keep_existing_files and default_storage.exists(path):
                    continue
                saved = default_storage.save(
                    path, ContentFile(base64.b64decode(encoded, validate=True))
                )
                written_files.append(saved)
            if person_ids:
                from hallway.people.models import Person

                hooks.people_changed(list(Person.objects.filter(pk__in=person_ids)))
    except (
        DeserializationError,
        IntegrityError,
        DatabaseError,
        binascii.Error,
        ValueError,
        KeyError,
        TypeError,
    ) as error:
        for path in written_files:
            default_storage.delete(path)
        message = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise BackupError(
            f"The backup could not be restored, nothing was written: {message}"
        ) from error
    except BackupError:
        for path in written_files:
            default_storage.delete(path)
        raise
    return counts


def objects_restore(snapshot: dict[str, Any]) -> dict[str, int]:
    """Bring back the rows of an `objects_snapshot` (with their ids) into this instance."""
    return _load(snapshot["objects"], snapshot.get("files", {}), keep_existing_files=True)


def backup_restore(*, backup: dict[str, Any], progress: Progress | None = None) -> dict[str, int]:
    """Bring a backup back into an empty instance. Atomic: on any problem nothing is written."""
    if not instance_is_empty():
        raise BackupError(
            f"This instance is not empty ({get_user_model().objects.count()} user(s)). Restore into a new "
            "instance: point HALLWAY_DATA_DIR or DATABASE_URL at an empty one and run `hallway restore` there."
        )
    objects = backup["objects"]
    known = {model._meta.label_lower for model in _hallway_models()} | {"auth.user", "auth.group"}
    unknown = sorted(
        {str(row.get("model", "")) for row in objects if isinstance(row, dict)} - known
    )
    if unknown:
        raise BackupError(
            f"The backup holds data this Hallway does not know: {', '.join(unknown[:5])}."
        )
    counts = _load(objects, backup.get("files", {}), progress=progress, reset_sequences=True)
    if progress:
        progress(len(objects), len(objects))
    return counts
