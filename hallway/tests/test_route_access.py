"""Who may open what, for EVERY route: generated from the URL resolver and the API's OpenAPI
route list, so a new route without an entry here fails the suite.

Four users: the owner, a teammate granted the owner's person (same Hallway team, person shared
as the full story), a teammate who was granted nothing (shares another team with the owner),
and an outsider; plus anonymous. Each route with an object is listed with who may open it;
everybody else must get a 404, exactly as if it did not exist. Routes without an object are in
an explicit, reviewed allow-list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

OWNER, TEAM, GRANTED = "owner", "team", "granted"
# The smallest PNG there is (one transparent pixel): the person's photo in the world below.
PNG_PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4c50000000049454e44ae426082"
)
# Who besides the owner may open it: OWNER = only the object's owner; TEAM = members of the
# owner's Hallway team (owner and granted teammate); GRANTED = only the granted teammate (a
# teammate's view of the owner's shared person; the owner sees their own on the person page).
PASSING = {OWNER: {"owner"}, TEAM: {"owner", "teammate"}, GRANTED: {"teammate"}}

# --- Web routes with an object ----------------------------------------------------------------
WEB_ROUTES: dict[str, str] = {
    "accounts:token_revoke": OWNER,
    "accounts:authenticator_remove": OWNER,
    "people:detail": OWNER,
    "people:edit": OWNER,
    "people:delete": OWNER,
    "people:note_add": OWNER,
    "people:note_delete": OWNER,
    "events:detail": OWNER,
    "events:edit": OWNER,
    "events:delete": OWNER,
    "events:want_search": OWNER,
    "events:want_toggle": OWNER,
    "conversations:detail": OWNER,
    "conversations:edit": OWNER,
    "conversations:delete": OWNER,
    "conversations:followup_add": OWNER,
    "conversations:followup_toggle": OWNER,
    "eventmode:event": OWNER,
    "eventmode:check_in": OWNER,
    "eventmode:start": OWNER,
    "eventmode:person_search": OWNER,
    "eventmode:review": OWNER,
    "eventmode:conversation": OWNER,
    "eventmode:capture": OWNER,
    "eventmode:sign_add": OWNER,
    "eventmode:end": OWNER,
    "eventmode:followup": OWNER,
    "recall:followup_done": OWNER,
    "recall:person_briefing": OWNER,
    "recall:event_briefing": OWNER,
    "recall:event_briefing_pdf": OWNER,
    "recall:event_attendees": OWNER,
    "recall:event_attendees_clear": OWNER,
    "interop:preview": OWNER,
    "interop:apply": OWNER,
    "interop:cancel": OWNER,
    "interop:merge": OWNER,
    "interop:not_duplicate": OWNER,
    "teams:introduction_answer": OWNER,
    "teams:person_share": OWNER,
    "teams:event_share": OWNER,
    "teams:detail": TEAM,
    "teams:rename": TEAM,
    "teams:leave": TEAM,
    "teams:invite": TEAM,
    "teams:invitation_revoke": OWNER,
    "teams:member_remove": TEAM,
    "teams:member_role": TEAM,
    "teams:sharing_default": TEAM,
    "teams:sharing_tag": TEAM,
    "teams:search": TEAM,
    "teams:shared_person": GRANTED,
    "teams:introduction_request": GRANTED,
    "teams:team_event": TEAM,
    "teams:team_event_going": TEAM,
    "teams:team_event_take": TEAM,
    "teams:team_event_unshare": OWNER,
    "sync:device_revoke": OWNER,
    "sync:deleted_restore": OWNER,
    "people:photo": OWNER,
    "voice:detail": OWNER,
    "voice:status": OWNER,
    "voice:apply": OWNER,
    "voice:retry": OWNER,
    "voice:delete": OWNER,
}

# Reviewed: these have no object of anybody's (lists, forms, the user's own settings) or
# are the public pages of the login flow. Anonymous users are sent to log in, except PUBLIC.
WEB_NO_OBJECT = {
    "home",
    "accounts:login",
    "accounts:logout",
    "accounts:signup",
    "accounts:settings",
    "accounts:token_create",
    "accounts:login_code",
    "accounts:two_factor_setup",
    "accounts:recovery_codes_regenerate",
    "accounts:two_factor_off",
    "people:list",
    "people:create",
    "events:list",
    "events:create",
    "conversations:list",
    "conversations:create",
    "eventmode:home",
    "eventmode:settings",
    "eventmode:event_new",
    "recall:due",
    "recall:reconnect",
    "search:search",
    "interop:import",
    "interop:duplicates",
    "interop:scan",
    "interop:scan_save",
    "interop:export",
    "interop:export_vcf",
    "interop:export_ics",
    "interop:backup",
    "practice:progress",
    "practice:goals",
    "practice:reflection",
    "updates:digest_settings",
    "updates:digest_preview",
    "updates:digest_chart",
    "updates:calendar",
    "teams:list",
    "teams:create",
    "teams:introductions",
    "demo_load",
    "sync:device_create",
    "sync:deleted",
    "well_known_carddav",
    "well_known_caldav",
    "eventmode:app",
    "eventmode:waiting",
    "pocket:manifest",
    "pocket:service_worker",
    "pocket:start",
    "sync:ios_profile",
    "accounts:password_change",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "voice:list",
    "voice:upload",
    "voice:remember",
    "voice:settings",
}
# The login flow, and the RFC 6764 redirects that tell phones where the DAV server is.
PUBLIC = {
    "accounts:login",
    "accounts:login_code",
    "accounts:logout",
    "accounts:signup",
    "well_known_carddav",
    "well_known_caldav",
    "pocket:manifest",
    "pocket:service_worker",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
}
# Reviewed: secret-token links (capability URLs): whoever holds the token may use them, by
# design; each has its own tests (unknown token -> 404/400) in its app.
# The DAV server authenticates with device passwords (HTTP Basic), not sessions; hallway/sync's
# tests check that another user's address book is a 404 there.
WEB_CAPABILITY = {
    "updates:unsubscribe",
    "updates:calendar_feed",
    "teams:join",
    "dav",
    "accounts:password_reset_confirm",
}
# Reviewed: routes named by an id the phone made (a conversation started offline). The owner is
# sent to the conversation once it has reached the server; anybody else gets the offline app's
# shell, exactly what an id nobody has sent yet gets, so it reveals nothing (tested below).
WEB_PHONE_ID = {"eventmode:client_conversation"}
# --- API routes with an object ----------------------------------------------------------------
API_ROUTES: dict[tuple[str, str], str] = {
    ("get", "/people/{person_id}"): OWNER,
    ("get", "/voice-notes/{voice_note_id}"): OWNER,
    ("delete", "/voice-notes/{voice_note_id}"): OWNER,
    ("post", "/voice-notes/{voice_note_id}/apply"): OWNER,
    ("post", "/people/{person_id}/voice-notes"): OWNER,
    ("post", "/conversations/{conversation_id}/voice-notes"): OWNER,
    ("post", "/live/conversations/{client_id}/capture"): OWNER,
    ("post", "/live/conversations/{client_id}/end"): OWNER,
    ("post", "/live/conversations/{client_id}/signs"): OWNER,
    ("patch", "/people/{person_id}"): OWNER,
    ("delete", "/people/{person_id}"): OWNER,
    ("post", "/people/{person_id}/notes"): OWNER,
    ("get", "/events/{event_id}"): OWNER,
    ("patch", "/events/{event_id}"): OWNER,
    ("delete", "/events/{event_id}"): OWNER,
    ("get", "/conversations/{conversation_id}"): OWNER,
    ("patch", "/conversations/{conversation_id}"): OWNER,
    ("delete", "/conversations/{conversation_id}"): OWNER,
    ("post", "/conversations/{conversation_id}/capture"): OWNER,
    ("post", "/conversations/{conversation_id}/signs"): OWNER,
    ("get", "/conversations/{conversation_id}/exit-prompt"): OWNER,
    ("post", "/conversations/{conversation_id}/end"): OWNER,
    ("get", "/live/events/{event_id}/review"): OWNER,
    ("get", "/people/{person_id}/briefing"): OWNER,
    ("get", "/events/{event_id}/briefing"): OWNER,
    ("post", "/events/{event_id}/attendees"): OWNER,
    ("delete", "/events/{event_id}/attendees"): OWNER,
    ("patch", "/followups/{followup_id}"): OWNER,
    ("get", "/teams/{team_id}"): TEAM,
    ("patch", "/teams/{team_id}"): TEAM,
    ("post", "/teams/{team_id}/invitations"): TEAM,
    ("post", "/teams/{team_id}/leave"): TEAM,
    ("patch", "/teams/{team_id}/members/{member_id}"): TEAM,
    ("delete", "/teams/{team_id}/members/{member_id}"): TEAM,
    ("put", "/teams/{team_id}/sharing"): TEAM,
    ("post", "/teams/{team_id}/sharing/tag"): TEAM,
    ("get", "/people/{person_id}/sharing"): OWNER,
    ("put", "/people/{person_id}/sharing"): OWNER,
    ("get", "/teams/{team_id}/people/{person_id}"): GRANTED,
    ("post", "/teams/{team_id}/people/{person_id}/introduction"): GRANTED,
    ("post", "/introductions/{request_id}/accept"): OWNER,
    ("post", "/introductions/{request_id}/decline"): OWNER,
    ("get", "/teams/{team_id}/events"): TEAM,
    ("post", "/teams/{team_id}/events"): OWNER,  # the body names the owner's event
    ("get", "/teams/{team_id}/events/{team_event_id}"): TEAM,
    ("delete", "/teams/{team_id}/events/{team_event_id}"): OWNER,
    ("post", "/teams/{team_id}/events/{team_event_id}/going"): TEAM,
    ("post", "/teams/{team_id}/events/{team_event_id}/take"): TEAM,
}
# Reviewed: no object in the path; each answers only with the caller's own data (their lists,
# their search, their settings) or creates something of theirs.
API_NO_OBJECT = {
    ("post", "/auth/token"),
    ("get", "/voice-notes"),
    ("post", "/voice-notes"),
    ("post", "/voice-notes/text"),
    ("get", "/people"),
    ("post", "/people"),
    ("get", "/events"),
    ("post", "/events"),
    ("get", "/conversations"),
    ("post", "/conversations"),
    ("post", "/live/conversations"),
    ("get", "/reconnect"),
    ("get", "/followups"),
    ("get", "/search"),
    ("post", "/imports"),
    ("get", "/export.vcf"),
    ("get", "/export.ics"),
    ("get", "/duplicates"),
    ("post", "/duplicates/merge"),
    ("get", "/practice"),
    ("get", "/practice/goals"),
    ("put", "/practice/goals"),
    ("put", "/practice/reflections/{month}"),
    ("get", "/teams"),
    ("post", "/teams"),
    ("post", "/teams/join"),
    ("get", "/team-search"),
    ("get", "/introductions"),
    ("get", "/live/snapshot"),
    ("post", "/live/check-in"),
}

# Valid bodies, so that only the object decides the answer (an invalid body is a 422 first).
API_BODIES: dict[tuple[str, str], Callable[[dict[str, Any]], Any]] = {
    ("post", "/people/{person_id}/notes"): lambda world: {"text": "Hello"},
    ("post", "/conversations/{conversation_id}/capture"): lambda world: {
        "facet": "origin",
        "text": "Ohio",
    },
    ("post", "/conversations/{conversation_id}/signs"): lambda world: {"sign": "not_flowing"},
    ("post", "/live/conversations/{client_id}/capture"): lambda world: {
        "facet": "origin",
        "text": "Ohio",
    },
    ("post", "/live/conversations/{client_id}/signs"): lambda world: {"sign": "not_flowing"},
    ("post", "/events/{event_id}/attendees"): lambda world: {"text": "Ada Lovelace"},
    ("delete", "/events/{event_id}/attendees"): lambda world: None,
    ("patch", "/teams/{team_id}"): lambda world: {"name": "Renamed"},
    ("patch", "/teams/{team_id}/members/{member_id}"): lambda world: {"role": "admin"},
    ("put", "/teams/{team_id}/sharing"): lambda world: {"default_level": "know"},
    ("post", "/teams/{team_id}/sharing/tag"): lambda world: {"tag": "cio", "level": "know"},
    ("put", "/people/{person_id}/sharing"): lambda world: {
        "team_id": world["team_id"],
        "level": "know",
    },
    ("post", "/teams/{team_id}/events"): lambda world: {"event_id": world["event_id"]},
    ("post", "/teams/{team_id}/events/{team_event_id}/take"): lambda world: {
        "person_id": world["person_id"]
    },
}


def _web_routes() -> Iterator[tuple[str, str]]:
    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield prefix + str(pattern.pattern), namespace + pattern.name

    for route, name in walk(get_resolver().url_patterns, "", ""):
        if not route.startswith("api/"):
            yield route, name


def _api_routes() -> list[tuple[str, str]]:
    from hallway.api.urls import api

    document = api.get_openapi_schema()
    return sorted(
        (method, path.removeprefix("/api/v1"))
        for path, operations in document["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    )


WEB = dict((name, route) for route, name in _web_routes())


def test_every_web_route_is_listed_exactly_once() -> None:
    listed = [*WEB_ROUTES, *WEB_NO_OBJECT, *WEB_CAPABILITY, *WEB_PHONE_ID]
    assert len(listed) == len(set(listed))
    missing = sorted(set(WEB) - set(listed))
    assert not missing, f"Add access expectations for these routes in this file: {missing}"
    stale = sorted(set(listed) - set(WEB))
    assert not stale, f"These routes no longer exist: {stale}"
    with_parameters = sorted(name for name in WEB_NO_OBJECT if "<" in WEB[name])
    assert not with_parameters, f"Routes with an object need access tests: {with_parameters}"


def test_every_api_route_is_listed_exactly_once() -> None:
    routes = set(_api_routes())
    listed = [*API_ROUTES, *API_NO_OBJECT]
    assert len(listed) == len(set(listed))
    missing = sorted(routes - set(listed))
    assert not missing, f"Add access expectations for these API routes in this file: {missing}"
    stale = sorted(set(listed) - routes)
    assert not stale, f"These API routes no longer exist: {stale}"


# --- The world: one of every object, all the owner's -----------------------------------------


@pytest.fixture
def world(
    owner: Any,
    teammate: Any,
    ungranted_teammate: Any,
    outsider: Any,
    hallway_team: Any,
    board_team: Any,
    granted_person: Any,
    event: Any,
) -> dict[str, Any]:
    from hallway.accounts.services import token_create
    from hallway.conversations.services import conversation_log, followup_add
    from hallway.events.services import event_update
    from hallway.interop.models import PendingImport
    from hallway.people.services import note_add, person_create
    from hallway.teams import services as teams
    from hallway.teams.models import Membership

    conversation = conversation_log(owner=owner, person=granted_person, event=event)
    followup = followup_add(person=granted_person, text="Send the deck")
    note = note_add(person=granted_person, text="Likes boats")
    twin = person_create(owner=owner, name="Jane Doe", company="Acme Corp")
    pending = PendingImport(owner=owner, filename="people.csv", format="csv")
    pending.file.save("people.upload", ContentFile(b"Name\nAda Lovelace\n"), save=False)
    pending.save()
    token, _raw = token_create(user=owner, name="access")
    event_update(event=event, want_to_meet=[granted_person.pk])
    team_event = teams.team_event_share(event=event, team=hallway_team)
    teams.team_event_going(team_event=team_event, user=teammate, going=True)
    owner_membership = Membership.objects.get(team=hallway_team, user=owner)
    invitation, _token = teams.invitation_create(membership=owner_membership)
    introduction = teams.introduction_request(
        requester=teammate, team=hallway_team, person_id=granted_person.pk
    )
    teammate_membership = Membership.objects.get(team=hallway_team, user=teammate)
    from hallway.eventmode.models import ProcessedCapture
    from hallway.people.services import person_delete
    from hallway.sync.models import DeletedPerson
    from hallway.sync.services import device_password_create
    from hallway.voice.models import VoiceNote

    device, _password = device_password_create(owner=owner, name="Phone")
    from hallway.conftest import two_factor_on

    # The owner of a team has two-factor on (its admin pages need it).
    authenticator = two_factor_on(owner)
    granted_person.photo.save("face.png", ContentFile(PNG_PIXEL))
    voice_note = VoiceNote.objects.create(
        owner=owner,
        person=granted_person,
        status=VoiceNote.Status.READY,
        transcript="She grew up in Ohio.",
    )
    # A conversation the phone started offline, known by the id the phone gave it.
    client_id = "phone-made-0001"
    ProcessedCapture.objects.create(
        owner=owner, key=client_id, conversation=conversation, action="start"
    )
    person_delete(person=person_create(owner=owner, name="Gone Person"))
    deleted = DeletedPerson.objects.get(owner=owner, name="Gone Person")
    return {
        "device_id": device.pk,
        "authenticator_id": authenticator.pk,
        "voice_note_id": voice_note.pk,
        "client_id": client_id,
        "deleted_id": deleted.pk,
        "users": {
            "owner": owner,
            "teammate": teammate,
            "ungranted": ungranted_teammate,
            "outsider": outsider,
        },
        "person_id": granted_person.pk,
        "event_id": event.pk,
        "conversation_id": conversation.pk,
        "followup_id": followup.pk,
        "note_id": note.pk,
        "token_id": token.pk,
        "pending_id": pending.pk,
        "first_id": granted_person.pk,
        "second_id": twin.pk,
        "team_id": hallway_team.pk,
        "board_team_id": board_team.pk,
        "invitation_id": invitation.pk,
        "membership_id": teammate_membership.pk,
        "member_id": teammate_membership.pk,
        "team_event_id": team_event.pk,
        "request_id": introduction.pk,
    }


def _web_url(route: str, world: dict[str, Any], team_id: int | None = None) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "pk":
            before = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
            name = {"events": "event_id", "conversations": "conversation_id"}[before]
        if name == "team_id" and team_id is not None:
            return str(team_id)
        return str(world[name])

    # A regular-expression route (the live app's client ids): its named groups take the values.
    route = re.sub(r"\(\?P(<\w+>)[^)]*\)", r"\1", route.replace("^", "").replace("$", ""))
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _web_answers(client: Client, url: str) -> list[int]:
    return [client.get(url).status_code, client.post(url).status_code]


def _assert_refused(statuses: list[int], who: str, url: str) -> None:
    # 405 (wrong method) is decided before any object is looked up: it reveals nothing.
    assert set(statuses) <= {404, 405} and 404 in statuses, (who, url, statuses)


@pytest.mark.parametrize("name", sorted(WEB_ROUTES))
def test_web_route_access(name: str, world: dict[str, Any]) -> None:
    route = WEB[name]
    url = _web_url(route, world)
    passing = PASSING[WEB_ROUTES[name]]
    users = world["users"]
    # The refused first, so nothing they try can change what the others then see.
    for who in ("outsider", "ungranted", "teammate", "owner"):
        if who not in passing:
            _assert_refused(_web_answers(_client(users[who]), url), who, url)
    if "team_id" in route and route.count("<") > 1:
        # The ungranted teammate's own team with the owner holds nothing of this for them.
        board_url = _web_url(route, world, team_id=world["board_team_id"])
        _assert_refused(
            _web_answers(_client(users["ungranted"]), board_url), "ungranted", board_url
        )
    anonymous = Client().get(url)
    assert anonymous.status_code in (302, 405), (url, anonymous.status_code)
    if anonymous.status_code == 302:
        assert anonymous["Location"].startswith("/accounts/login/")
    for who in ("teammate", "owner"):
        if who in passing:
            client = _client(users[who])
            get_status = client.get(url).status_code
            statuses = [get_status, client.post(url).status_code if get_status == 405 else 200]
            assert 404 not in statuses and max(statuses) < 500, (who, url, statuses)


@pytest.mark.parametrize("name", sorted(WEB_PHONE_ID))
def test_web_route_by_phone_id_shows_others_only_what_an_unknown_id_shows(
    name: str, world: dict[str, Any]
) -> None:
    url = _web_url(WEB[name], world)
    unknown = _web_url(WEB[name], {**world, "client_id": "nobody-sent-this"})
    users = world["users"]
    owner_answer = _client(users["owner"]).get(url)
    assert owner_answer.status_code == 302
    assert owner_answer["Location"] == f"/live/conversations/{world['conversation_id']}/"
    for who in ("outsider", "ungranted", "teammate"):
        client = _client(users[who])
        theirs, nobodys = client.get(url), client.get(unknown)
        assert theirs.status_code == nobodys.status_code == 200, (who, url)
        assert _without_csrf(theirs.content) == _without_csrf(nobodys.content), (who, url)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")


def _without_csrf(html: bytes) -> bytes:
    """The page without what differs on every request (tokens, nonces, the time it was drawn)."""
    return re.sub(
        rb'(csrfmiddlewaretoken" value="|nonce="|"X-CSRFToken": "|data-rendered-at=")[^"]*',
        rb"\1",
        html,
    )


@pytest.mark.parametrize("name", sorted(WEB_NO_OBJECT - PUBLIC))
def test_web_route_without_an_object_sends_anonymous_users_to_log_in(name: str, db: Any) -> None:
    response = Client().get("/" + WEB[name])
    assert response.status_code in (302, 405), (name, response.status_code)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


def _nobodys(world: dict[str, Any]) -> dict[str, Any]:
    """The world with every object id replaced by one nobody has."""
    return {
        key: ("nobody-sent-this" if key == "client_id" else 2**62) if key.endswith("_id") else value
        for key, value in world.items()
    }


def _api_call(
    user: Any, method: str, path: str, world: dict[str, Any], team_id: int | None = None
) -> Any:
    from hallway.accounts.services import token_create

    values = dict(world)
    if team_id is not None:
        values["team_id"] = team_id
    url = "/api/v1" + re.sub(r"\{(\w+)\}", lambda match: str(values[match.group(1)]), path)
    headers = {}
    if user is not None:
        headers["Authorization"] = f"Bearer {token_create(user=user, name='access')[1]}"
    body_of = API_BODIES.get((method, path))
    body = body_of(world) if body_of else ({} if method in ("post", "put", "patch") else None)
    client = Client()
    if body is None:
        return getattr(client, method)(url, headers=headers)
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json", headers=headers
    )


@pytest.mark.parametrize(("method", "path"), sorted(API_ROUTES))
def test_api_route_access(method: str, path: str, world: dict[str, Any]) -> None:
    passing = PASSING[API_ROUTES[(method, path)]]
    users = world["users"]
    for who in ("outsider", "ungranted", "teammate", "owner"):
        if who not in passing:
            response = _api_call(users[who], method, path, world)
            assert response.status_code == 404, (who, method, path, response.content)
            # Exactly as if it did not exist: the same answer as for an id nobody has.
            missing = _api_call(users[who], method, path, _nobodys(world))
            assert response.json() == missing.json(), (who, method, path)
            assert set(response.json()) == {"detail"}
    if "{team_id}" in path and path.count("{") > 1:
        response = _api_call(
            users["ungranted"], method, path, world, team_id=world["board_team_id"]
        )
        assert response.status_code == 404, ("ungranted", method, path, response.content)
    anonymous = _api_call(None, method, path, world)
    assert anonymous.status_code == 401
    for who in ("teammate", "owner"):
        if who in passing:
            response = _api_call(users[who], method, path, world)
            assert response.status_code != 404 and response.status_code < 500, (
                who,
                method,
                path,
                response.content,
            )
            if method == "get":
                assert response.status_code == 200, (who, path, response.content)
