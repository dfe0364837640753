from django.contrib.auth import views as auth_views
from django.urls import path

from hallway.accounts import token_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/tokens/", token_views.create_token, name="token_create"),
    path("settings/tokens/<int:token_id>/revoke/", token_views.revoke_token, name="token_revoke"),
]
