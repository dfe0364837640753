"""Merging two records of the same person into one, losing nothing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from hallway.conversations.models import Conversation, FollowUp
from hallway.interop.models import ContactDetail, NotDuplicate
from hallway.lib import hooks
from hallway.lib.ownership import owned
from hallway.lib.story import FACETS, merge_facet
from hallway.people.models import Note, Person

_FILL_FIELDS = (
    "company",
    "role",
    "location",
    "website",
    "met_at",
    "keep_in_touch_days",
    "introduced_by",
)
_DETAIL_FIELDS = (
    ("email", "email"),
    ("phone", "phone"),
    ("url", "linkedin_url"),
    ("url", "website"),
)
# Relations we move ourselves; any other model pointing at Person is re-pointed generically.
_HANDLED = {Note, Conversation, FollowUp, ContactDetail, NotDuplicate}


def _keep_details(person: Person, duplicate: Person) -> list[ContactDetail]:
    """The duplicate's e-mails, phones and links that the kept person lacks, as extra details."""
    known = {
        value.lower()
        for value in (person.email, person.phone, person.linkedin_url, person.website)
        if value
    } | {
        value.lower()
        for value in ContactDetail.objects.filter(person=person).values_list("value", flat=True)
    }
    extra = []
    candidates = [(kind, getattr(duplicate, name), "") for kind, name in _DETAIL_FIELDS]
    candidates += list(
        ContactDetail.objects.filter(person=duplicate).values_list("kind", "value", "label")
    )
    for kind, value, label in candidates:
        if value and value.lower() not in known:
            known.add(value.lower())
            extra.append(
                ContactDetail(
                    owner=person.owner, person=person, kind=kind, value=value, label=label
                )
            )
    return extra


def _repoint_other_relations(person: Person, duplicate: Person) -> None:
    """Other apps' rows about the duplicate now point at the kept person (one-to-one rows of the
    duplicate, e.g. a search index entry, are dropped and rebuilt by the change hook)."""
    for relation in Person._meta.related_objects:
        model: Any = relation.related_model
        if model in _HANDLED or model is Person or relation.many_to_many:
            continue
        field = relation.field
        if not isinstance(field, models.ForeignKey):
            continue
        rows = model._default_manager.filter(**{field.name: duplicate})
        if relation.one_to_one or field.unique:
            rows.delete()
            continue
        try:
            with transaction.atomic():
                rows.update(**{field.name: person})
        except IntegrityError:
            rows.delete()


@transaction.atomic
def people_merge(*, person: Person, duplicate: Person) -> Person:
    """Fold `duplicate` into `person`: story facets merged, empty details filled, notes,
    conversations, follow-ups, tags, want-to-meet lists and introductions moved; then the
    duplicate is deleted."""
    if person.owner_id != duplicate.owner_id:
        raise ValidationError("Unknown person.")
    if person.pk == duplicate.pk:
        raise ValidationError("Choose two different people to merge.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    extra_details = _keep_details(person, duplicate)
    if not person.email and duplicate.email:
        person.email = duplicate.email
        extra_details = [d for d in extra_details if d.value.lower() != duplicate.email.lower()]
    if not person.phone and duplicate.phone:
        person.phone = duplicate.phone
        extra_details = [d for d in extra_details if d.value.lower() != duplicate.phone.lower()]
    if not person.linkedin_url and duplicate.linkedin_url:
        person.linkedin_url = duplicate.linkedin_url
        extra_details = [
            d for d in extra_details if d.value.lower() != duplicate.linkedin_url.lower()
        ]
    for name in _FILL_FIELDS:
        if getattr(person, name) in ("", None) and getattr(duplicate, name) not in ("", None):
            setattr(person, name, getattr(duplicate, name))
    if person.introduced_by_id == duplicate.pk:
        person.introduced_by = None
    for facet in FACETS:
        setattr(person, facet, merge_facet(getattr(person, facet), getattr(duplicate, facet)))
    if not person.photo and duplicate.photo:
        person.photo = duplicate.photo.name
    if duplicate.last_contact_at and (
        person.last_contact_at is None or duplicate.last_contact_at > person.last_contact_at
    ):
        person.last_contact_at = duplicate.last_contact_at
    person.created_at = min(person.created_at, duplicate.created_at)
    person.save()
    ContactDetail.objects.bulk_create(extra_details)
    ContactDetail.objects.filter(person=duplicate).delete()
    Note.objects.filter(person=duplicate).update(person=person)
    Conversation.objects.filter(person=duplicate).update(person=person)
    FollowUp.objects.filter(person=duplicate).update(person=person)
    person.tags.add(*duplicate.tags.all())
    for event in duplicate.wanted_at.all():
        event.want_to_meet.add(person)
    Person.objects.filter(introduced_by=duplicate).exclude(pk=person.pk).update(
        introduced_by=person
    )
    NotDuplicate.objects.filter(models.Q(first=duplicate) | models.Q(second=duplicate)).delete()
    _repoint_other_relations(person, duplicate)
    # The first conversation with the merged person is the only "new person" one.
    conversations = list(Conversation.objects.filter(person=person).order_by("started_at", "id"))
    for index, conversation in enumerate(conversations):
        should_be_new = index == 0
        if conversation.with_new_person != should_be_new:
            Conversation.objects.filter(pk=conversation.pk).update(with_new_person=should_be_new)
    duplicate_id = duplicate.pk
    duplicate.photo = ""  # the file now belongs to the kept person
    duplicate.delete()
    hooks.person_deleted(duplicate_id)
    hooks.person_changed(person)
    return person


def not_duplicate_mark(*, first: Person, second: Person) -> None:
    """Remember that these two are different people."""
    if first.owner_id != second.owner_id or first.pk == second.pk:
        raise ValidationError("Unknown person.")
    low, high = sorted([first, second], key=lambda p: p.pk)
    NotDuplicate.objects.get_or_create(owner=first.owner, first=low, second=high)


def owned_pair(user: User, first_id: Any, second_id: Any) -> tuple[Person, Person]:
    from hallway.lib.ownership import get_owned_or_404

    return get_owned_or_404(owned(Person, user), user, first_id), get_owned_or_404(
        owned(Person, user), user, second_id
    )
