from django.urls import path

from hallway.interop import views

app_name = "interop"

urlpatterns = [
    path("", views.import_start, name="import"),
    path("import/<int:pending_id>/", views.import_preview, name="preview"),
    path("import/<int:pending_id>/apply/", views.import_apply, name="apply"),
    path("import/<int:pending_id>/cancel/", views.import_cancel, name="cancel"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/<int:first_id>/<int:second_id>/merge/", views.merge, name="merge"),
    path(
        "duplicates/<int:first_id>/<int:second_id>/different/",
        views.not_duplicate,
        name="not_duplicate",
    ),
    path("scan/", views.scan, name="scan"),
    path("scan/save/", views.scan_save, name="scan_save"),
    path("export/", views.export, name="export"),
    path("export/hallway.vcf", views.export_vcf, name="export_vcf"),
    path("export/hallway.ics", views.export_ics, name="export_ics"),
    path("export/backup.json", views.backup, name="backup"),
]
