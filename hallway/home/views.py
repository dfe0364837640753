from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hallway.demo import load_demo
from hallway.home.selectors import home_dashboard
from hallway.lib.ownership import owned
from hallway.lib.web import signed_in_user
from hallway.people.models import Person


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/home.html", home_dashboard(user=signed_in_user(request)))


@login_required
@require_POST
def demo_load(request: HttpRequest) -> HttpResponse:
    """Fill an empty network with the sample one, so a newcomer sees the app alive."""
    user = signed_in_user(request)
    if owned(Person, user).exists():
        messages.error(
            request, "The sample network is only loaded into an empty network: yours has people."
        )
        return redirect("home")
    summary = load_demo(owner=user)
    messages.success(
        request,
        f"Loaded a sample network: {summary['people']} people, {summary['events']} events and "
        f"{summary['conversations']} conversations. Explore, then delete them when you start "
        "your own.",
    )
    return redirect("home")
