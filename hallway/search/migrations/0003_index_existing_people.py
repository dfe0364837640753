"""Fill the index for people who existed before search did."""

from django.db import migrations


def index_everyone(apps, schema_editor):
    from hallway.search.services import documents_rebuild

    documents_rebuild()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index"), ("people", "0001_initial"), ("conversations", "0001_initial")]

    operations = [migrations.RunPython(index_everyone, migrations.RunPython.noop)]
