from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from hallway.accounts.backends import PASSWORD_BACKEND
from hallway.accounts.forms import SignupForm
from hallway.accounts.sections import render_settings_sections
from hallway.accounts.two_factor import two_factor_enabled
from hallway.accounts.two_factor_views import login_pending_start


class _Login(auth_views.LoginView):
    template_name = "accounts/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        # With two-factor on, the right password only leads to the code step (not logged in).
        user = form.get_user()
        if two_factor_enabled(user):
            return login_pending_start(self.request, user, self.get_success_url())
        return super().form_valid(form)


def login_view(request: HttpRequest) -> HttpResponseBase:
    return _Login.as_view()(request)


def signup(request: HttpRequest) -> HttpResponse:
    if not settings.SIGNUP_OPEN:
        raise Http404("Sign-up is closed on this server.")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend=PASSWORD_BACKEND)
        messages.success(request, f"Welcome to Hallway, {user.username}.")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/settings.html", {"settings_sections": render_settings_sections(request)}
    )


class _PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form: Any) -> HttpResponse:
        # Django saves the password and keeps this session (update_session_auth_hash); every
        # other session, logged in with the old password, is logged out on its next request.
        response = super().form_valid(form)
        messages.success(self.request, "Password changed. You were logged out everywhere else.")
        return response


password_change = _PasswordChange.as_view()

# Reset by e-mail: Django's views (one-use, expiring token; the same answer whether the address
# is known or not), with our templates.
password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
