"""The progress screen: goals, this month, streak, charts with their numbers, insights, reflections."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hallway.lib.story import OUTCOMES, WARNING_SIGNS
from hallway.lib.web import add_service_errors, is_htmx, signed_in_user
from hallway.practice import rules
from hallway.practice.forms import GoalsForm, MonthlyReflectionForm
from hallway.practice.selectors import Progress, progress_for
from hallway.practice.services import goals_set, monthly_reflection_set


def _chart_data(progress: Progress) -> dict[str, Any]:
    """What progress.js draws; the same numbers are in the tables beside the charts."""
    return {
        "labels": [month.label for month in progress.months],
        "connection_rate": [
            None if month.connection_rate is None else round(month.connection_rate * 100)
            for month in progress.months
        ],
        "new_people": [month.new_people for month in progress.months],
        "stories": [month.stories for month in progress.months],
        "events": [month.events for month in progress.months],
        "outcome_labels": [OUTCOMES[key] for key in OUTCOMES],
        "outcomes": [progress.outcomes[key] for key in OUTCOMES],
        "sign_labels": [WARNING_SIGNS[sign] for sign in WARNING_SIGNS],
        "signs": [progress.warning_signs[sign].count for sign in WARNING_SIGNS],
    }


def _context(request: HttpRequest, progress: Progress, **extra: Any) -> dict[str, Any]:
    """Everything the progress template and its partials need."""
    goals = progress.goals
    this_month = progress.this_month
    signs = [
        {
            "label": WARNING_SIGNS[sign],
            "count": summary.count,
            "when": rules.minutes_phrase(summary.median_seconds)
            if summary.median_seconds is not None
            else "—",
        }
        for sign, summary in progress.warning_signs.items()
    ]
    context: dict[str, Any] = {
        "progress": progress,
        "goals": goals,
        "this_month": this_month,
        "goal_rows": [
            ("Events", this_month.events, goals.events_per_month, this_month.events_planned),
            ("Connections (stories)", this_month.stories, goals.connections_per_month, None),
        ],
        "new_per_event": this_month.new_people_per_event,
        "connection_rate": rules.percent(progress.connection_rate),
        "month_rows": [
            {
                "month": month,
                "rate": rules.percent(month.connection_rate),
                "met": progress.goal_met_by_month.get(month.month, False),
                "reflection": progress.monthly_reflections.get(month.month, ""),
            }
            for month in reversed(progress.months)
        ],
        "outcome_rows": [(OUTCOMES[key], progress.outcomes[key]) for key in OUTCOMES]
        + [("Still going", progress.outcomes["ongoing"])],
        "sign_rows": signs,
        "any_signs": any(row["count"] for row in signs),
        "chart_data": _chart_data(progress),
        "goals_form": extra.pop("goals_form", None)
        or GoalsForm(
            initial={
                "events_per_month": goals.events_per_month,
                "new_people_per_event": goals.new_people_per_event,
                "connections_per_month": goals.connections_per_month,
            }
        ),
        "reflection_form": extra.pop("reflection_form", None)
        or MonthlyReflectionForm(initial={"text": progress.this_month_reflection}),
        "median_duration": (
            rules.minutes_phrase(progress.median_duration_seconds).replace("after ", "")
            if progress.median_duration_seconds
            else "—"
        ),
    }
    month_rows: list[dict[str, Any]] = context["month_rows"]
    context["past_reflections"] = [row for row in month_rows[1:] if row["reflection"]]
    context.update(extra)
    return context


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    data = progress_for(user=signed_in_user(request))
    return render(request, "practice/progress.html", _context(request, data))


@login_required
@require_http_methods(["GET", "POST"])
def goals(request: HttpRequest) -> HttpResponse:
    """Set the goals. The htmx form gets its partial back; a plain form redirects."""
    form = GoalsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goals_set(owner=signed_in_user(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if is_htmx(request):
                data = progress_for(user=signed_in_user(request))
                return render(
                    request,
                    "practice/partials/goals_saved.html",
                    _context(request, data, saved=True),
                )
            messages.success(request, "Goals saved.")
            return redirect("practice:progress")
    data = progress_for(user=signed_in_user(request))
    status = 422 if request.method == "POST" else 200
    template = "practice/partials/goals.html" if is_htmx(request) else "practice/progress.html"
    return render(request, template, _context(request, data, goals_form=form), status=status)


def _parse_month(value: str, today: dt.date) -> dt.date | None:
    try:
        month = dt.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return None
    if month > today or month < rules.add_months(rules.month_start(today), -(11)):
        return None
    return month


@login_required
@require_POST
def reflection(request: HttpRequest) -> HttpResponse:
    """Save the monthly reflection (this month unless `month=YYYY-MM` names one of the last 12)."""
    today = timezone.localdate()
    month = _parse_month(request.POST.get("month") or f"{today:%Y-%m}", today)
    form = MonthlyReflectionForm(request.POST)
    if month is None:
        form.add_error(None, "Pick one of the last 12 months (YYYY-MM).")
    if month is not None and form.is_valid():
        try:
            monthly_reflection_set(
                owner=signed_in_user(request), month=month, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if is_htmx(request):
                data = progress_for(user=signed_in_user(request))
                return render(
                    request,
                    "practice/partials/reflection.html",
                    _context(request, data, reflection_saved=True),
                )
            messages.success(request, f"Reflection for {month:%B %Y} saved.")
            return redirect("practice:progress")
    data = progress_for(user=signed_in_user(request))
    template = "practice/partials/reflection.html" if is_htmx(request) else "practice/progress.html"
    return render(request, template, _context(request, data, reflection_form=form), status=422)
