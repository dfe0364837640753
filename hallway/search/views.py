"""The search page: one box, results with highlighted snippets, updated as you type (htmx)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hallway.lib.web import is_htmx, signed_in_user
from hallway.search import selectors
from hallway.search.semantic import unavailable_reason


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    mode = request.GET.get("mode", "hybrid")
    reason = unavailable_reason()
    error = ""
    results = None
    status = 200
    try:
        results = selectors.search(
            user=signed_in_user(request), query=query, mode=mode, limit=selectors.DEFAULT_LIMIT
        )
    except selectors.SearchError as problem:
        error = str(problem)
        status = 422
    context = {
        "query": query[: selectors.MAX_QUERY_LENGTH],
        "mode": mode if mode in selectors.MODES else "hybrid",
        "results": results,
        "error": error,
        "semantic_reason": reason,
        "modes": [("hybrid", "Best of both"), ("keyword", "Words"), ("semantic", "Meaning")],
    }
    template = "search/partials/results.html" if is_htmx(request) else "search/search.html"
    return render(request, template, context, status=status)
