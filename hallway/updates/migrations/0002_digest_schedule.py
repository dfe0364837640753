"""Create the hourly django-q2 schedule that sends due digests (`hallway serve` runs the cluster)."""

from django.db import migrations

NAME = "hallway: send due digests"
FUNC = "hallway.updates.tasks.send_due_digests"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    if not Schedule.objects.filter(name=NAME).exists():
        # H = hourly; each run sends only the digests that are due (daily/weekly/monthly per user).
        Schedule.objects.create(name=NAME, func=FUNC, schedule_type="H", repeats=-1)


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("updates", "0001_initial"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
