"""Hallway's URLs plus the framework's floor: a logged-in view that does nothing.

bench/performance.py serves this URL configuration so that each page is timed beside the
cheapest page Django can answer for a logged-in user, through the same middleware, in the same
process and the same run.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from hallway.urls import urlpatterns as hallway_urlpatterns


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"hello {request.user.get_username()}")


urlpatterns = [path("bench/floor/", floor), *hallway_urlpatterns]
