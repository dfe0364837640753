from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hallway.home.selectors import home_dashboard


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/home.html", home_dashboard(user=request.user))
