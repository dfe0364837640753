from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from hallway.doctor.checks import run_checks


def settings_section(request: HttpRequest) -> str:
    """The Settings page's 'What is installed' block: the checks of `hallway doctor`, without
    loading the models (the page says whether they are installed and loaded) and without
    reaching out to the mail server (a silent one would hold the page)."""
    return render_to_string(
        "doctor/partials/settings_section.html",
        {"checks": run_checks(load_engines=False, probe=False)},
        request=request,
    )
