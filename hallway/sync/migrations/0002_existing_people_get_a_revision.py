"""People who exist before phone sync get a change row at revision 0, so a later deletion can
leave a tombstone (the row tells whose address book the person was in)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    CardChange = apps.get_model("sync", "CardChange")
    rows = Person.objects.order_by("id").values_list("id", "owner_id")
    batch = []
    for person_id, owner_id in rows.iterator(chunk_size=5000):
        batch.append(CardChange(owner_id=owner_id, person_id=person_id, revision=0))
        if len(batch) >= 5000:
            CardChange.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    CardChange.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("sync", "0001_initial"),
        ("people", "0002_status_and_cadence_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
