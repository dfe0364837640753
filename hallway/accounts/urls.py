from django.contrib.auth import views as auth_views
from django.urls import path

from hallway.accounts import token_views, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", two_factor_views.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/password/", views.password_change, name="password_change"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password-reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("settings/two-factor/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path(
        "settings/two-factor/recovery-codes/",
        two_factor_views.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("settings/two-factor/off/", two_factor_views.two_factor_off, name="two_factor_off"),
    path(
        "settings/two-factor/apps/<int:authenticator_id>/remove/",
        two_factor_views.two_factor_off,
        name="authenticator_remove",
    ),
    path("settings/tokens/", token_views.create_token, name="token_create"),
    path("settings/tokens/<int:token_id>/revoke/", token_views.revoke_token, name="token_revoke"),
]
