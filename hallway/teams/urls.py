from __future__ import annotations

from django.urls import path

from hallway.teams import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("new/", views.team_create, name="create"),
    path("join/<str:token>/", views.team_join, name="join"),
    path("introductions/", views.introduction_list, name="introductions"),
    path(
        "introductions/<int:request_id>/answer/",
        views.introduction_answer,
        name="introduction_answer",
    ),
    path("people/<int:person_id>/share/", views.person_share, name="person_share"),
    path("events/<int:event_id>/share/", views.event_share, name="event_share"),
    path("<int:team_id>/", views.team_detail, name="detail"),
    path("<int:team_id>/rename/", views.team_rename, name="rename"),
    path("<int:team_id>/leave/", views.team_leave, name="leave"),
    path("<int:team_id>/invite/", views.invitation_create, name="invite"),
    path(
        "<int:team_id>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "<int:team_id>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("<int:team_id>/members/<int:membership_id>/role/", views.member_role, name="member_role"),
    path("<int:team_id>/sharing/default/", views.sharing_default, name="sharing_default"),
    path("<int:team_id>/sharing/tag/", views.sharing_tag, name="sharing_tag"),
    path("<int:team_id>/search/", views.team_search, name="search"),
    path("<int:team_id>/people/<int:person_id>/", views.shared_person, name="shared_person"),
    path(
        "<int:team_id>/people/<int:person_id>/introduction/",
        views.introduction_request,
        name="introduction_request",
    ),
    path("<int:team_id>/events/<int:team_event_id>/", views.team_event, name="team_event"),
    path(
        "<int:team_id>/events/<int:team_event_id>/going/",
        views.team_event_going,
        name="team_event_going",
    ),
    path(
        "<int:team_id>/events/<int:team_event_id>/take/<int:person_id>/",
        views.team_event_take,
        name="team_event_take",
    ),
    path(
        "<int:team_id>/events/<int:team_event_id>/unshare/",
        views.team_event_unshare,
        name="team_event_unshare",
    ),
]
