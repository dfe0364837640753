"""Phone sync: the DAV endpoint (Radicale behind Basic auth with a device password), the
"Connect your phone" settings section, and the "Recently deleted" list."""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
import plistlib
import re
import uuid
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import radicale
import radicale.config
import radicale.utils
import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from hallway.lib.web import add_service_errors, signed_in_user
from hallway.sync import dav, selectors, services
from hallway.sync.forms import DevicePasswordForm
from hallway.sync.models import DeletedPerson, DevicePassword

DAV_PREFIX = "/dav"
_WRITE_METHODS = {"PUT", "DELETE", "MOVE", "COPY", "PROPPATCH", "MKCOL", "MKCALENDAR", "POST"}
_VERSION_4 = re.compile(rb"address-data[^>]*version=[\"']4\.0[\"']")


@lru_cache(maxsize=1)
def _radicale_app() -> radicale.Application:
    # Radicale advertises vCard 4.0 only with vobject >= 1.0; Hallway renders 4.0 itself (the
    # export code), so it can say so with the vobject the project pins.
    radicale.utils.vobject_supports_vcard4 = lambda: True
    configuration = radicale.config.load()
    configuration.update(
        {
            "auth": {"type": "remote_user", "delay": "0", "realm": "Hallway"},
            "rights": {"type": "hallway.sync.dav", "permit_delete_collection": "False"},
            "storage": {"type": "hallway.sync.dav", "strict_preconditions": "True"},
            "web": {"type": "none"},
            "server": {"max_content_length": str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)},
            "logging": {"level": "warning", "mask_passwords": "True"},
        },
        "hallway",
    )
    return radicale.Application(configuration)


def _unauthorized(
    message: str = "Use your user name and a device password from Settings.",
) -> HttpResponse:
    response = HttpResponse(message, status=401, content_type="text/plain; charset=utf-8")
    response["WWW-Authenticate"] = 'Basic realm="Hallway", charset="UTF-8"'
    return response


def _credentials(request: HttpRequest) -> tuple[str, str] | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, separator, password = decoded.partition(":")
    return (username, password) if separator else None


def _device_user(request: HttpRequest) -> Any | HttpResponse:
    credentials = _credentials(request)
    if credentials is None:
        return _unauthorized()
    username, password = credentials
    if not AxesProxyHandler.is_allowed(request, {"username": username}):
        response = HttpResponse(
            "Too many failed attempts: try again later.",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME * 3600))
        return response
    user = authenticate(request, username=username, device_password=password)
    if user is None:
        return _unauthorized()
    return user


def _requested_version(request: HttpRequest, body: bytes) -> str:
    if "version=4.0" in request.META.get("HTTP_ACCEPT", "").replace(" ", ""):
        return "4.0"
    if request.method == "REPORT" and _VERSION_4.search(body):
        return "4.0"
    return "3.0"


@csrf_exempt
def dav_request(request: HttpRequest, path: str = "") -> HttpResponse:
    """Everything under /dav/ (and PROPFIND on /): authenticate, then let Radicale answer."""
    user = _device_user(request)
    if isinstance(user, HttpResponse):
        return user
    first = path.strip("/").split("/", 1)[0]
    if first and first != user.get_username():
        # Anybody else's address book does not exist for you.
        return HttpResponse("Not found.", status=404, content_type="text/plain; charset=utf-8")
    body = request.body
    environ = dict(request.environ)  # type: ignore[attr-defined]
    environ.pop("HTTP_AUTHORIZATION", None)
    environ.update(
        {
            "SCRIPT_NAME": request.META.get("SCRIPT_NAME", "").rstrip("/") + DAV_PREFIX,
            "PATH_INFO": "/" + path,
            "REMOTE_USER": user.get_username(),
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": io.StringIO(),
        }
    )
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        captured["status"], captured["headers"] = status, headers

    user_token = dav.current_user.set(user)
    version_token = dav.requested_version.set(_requested_version(request, body))
    try:
        writes = request.method in _WRITE_METHODS
        with transaction.atomic() if writes else contextlib.nullcontext():
            answer = b"".join(_radicale_app()(environ, start_response))
    finally:
        dav.current_user.reset(user_token)
        dav.requested_version.reset(version_token)
    response = HttpResponse(answer, status=int(captured["status"].split()[0]))
    for name, value in captured["headers"]:
        # The stored card is Hallway's rendering, not the bytes the client sent: no ETag on PUT,
        # so clients fetch the card again (RFC 6352 §6.3.2.3).
        if request.method == "PUT" and name.lower() == "etag":
            continue
        response[name] = value
    return response


def well_known(request: HttpRequest) -> HttpResponse:
    """/.well-known/carddav and /.well-known/caldav: where the DAV server is (RFC 6764)."""
    return HttpResponsePermanentRedirect(f"{DAV_PREFIX}/")


class DavRootMiddleware:
    """iOS and DAVx5 start with PROPFIND on the site's root: answer it as DAV."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/" and request.method in ("PROPFIND", "REPORT"):
            return dav_request(request, "")
        return self.get_response(request)


# --- Settings: "Connect your phone" -------------------------------------------------------


def _dav_url() -> str:
    return f"{settings.SITE_URL}{DAV_PREFIX}/"


def _qr_svg(user: User) -> str:
    """A QR code with the server address and the user name (never the password)."""
    scheme, _, rest = _dav_url().partition("://")
    target = f"{scheme}://{quote(user.get_username(), safe='')}@{rest}"
    return segno.make(target, error="m").svg_inline(scale=4, border=2, dark="#1f2937")


def _section_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = signed_in_user(request)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    return {
        "devices": list(selectors.device_passwords_of(owner=user)),
        "device_form": extra.pop("device_form", None) or DevicePasswordForm(),
        "dav_url": _dav_url(),
        "dav_host": host,
        "https": settings.SITE_URL.startswith("https://"),
        "qr_svg": _qr_svg(user),
        "deleted_count": selectors.deleted_people_of(owner=user).count(),
        **extra,
    }


def settings_section(request: HttpRequest) -> str:
    return render_to_string(
        "sync/partials/settings_section.html", _section_context(request), request=request
    )


@login_required
@require_POST
def device_create(request: HttpRequest) -> HttpResponse:
    form = DevicePasswordForm(request.POST)
    new_password = ""
    device = None
    if form.is_valid():
        try:
            device, new_password = services.device_password_create(
                owner=signed_in_user(request), name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
    context = _section_context(
        request,
        device_form=DevicePasswordForm() if device else form,
        new_password=new_password,
        new_device=device,
    )
    return render(request, "sync/connect.html", context, status=200 if device else 400)


@login_required
@require_POST
def device_revoke(request: HttpRequest, device_id: int) -> HttpResponse:
    device = get_object_or_404(DevicePassword, pk=device_id, owner=request.user)
    name = device.name
    services.device_password_revoke(device=device)
    messages.success(
        request, f"“{name}” can no longer sync. Remove the account on that device too."
    )
    return redirect(reverse("accounts:settings") + "#connect-phone")


@login_required
@require_GET
def ios_profile(request: HttpRequest) -> HttpResponse:
    """An Apple configuration profile that adds the CardDAV and CalDAV accounts in one go
    (iOS asks for the device password while installing it; the file holds none)."""
    user = signed_in_user(request)
    scheme, _, rest = settings.SITE_URL.partition("://")
    host_port = rest.split("/", 1)[0]
    host, _, port = host_port.partition(":")
    use_ssl = scheme == "https"
    port_number = int(port) if port else (443 if use_ssl else 80)
    principal = f"{DAV_PREFIX}/{quote(user.get_username(), safe='@')}/"
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/dav/{user.pk}")

    def account(kind: str, prefix: str) -> dict[str, Any]:
        return {
            "PayloadType": f"com.apple.{kind}.account",
            "PayloadVersion": 1,
            "PayloadIdentifier": f"hallway.{host}.{kind}",
            "PayloadUUID": str(uuid.uuid5(namespace, kind)).upper(),
            "PayloadDisplayName": f"Hallway {'contacts' if kind == 'carddav' else 'calendar'}",
            f"{prefix}AccountDescription": "Hallway",
            f"{prefix}HostName": host,
            f"{prefix}Port": port_number,
            f"{prefix}UseSSL": use_ssl,
            f"{prefix}Username": user.get_username(),
            f"{prefix}PrincipalURL": f"{scheme}://{host_port}{principal}",
        }

    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"hallway.{host}",
        "PayloadUUID": str(namespace).upper(),
        "PayloadDisplayName": "Hallway",
        "PayloadDescription": "Your Hallway people in Contacts and your events in Calendar.",
        "PayloadContent": [account("carddav", "CardDAV"), account("caldav", "CalDAV")],
    }
    response = HttpResponse(
        plistlib.dumps(profile), content_type="application/x-apple-aspen-config"
    )
    response["Content-Disposition"] = 'attachment; filename="hallway.mobileconfig"'
    return response


# --- Recently deleted ----------------------------------------------------------------------


@login_required
@require_GET
def deleted_list(request: HttpRequest) -> HttpResponse:
    services.trash_purge()
    return render(
        request,
        "sync/deleted_list.html",
        {"deleted": list(selectors.deleted_people_of(owner=signed_in_user(request)))},
    )


@login_required
@require_POST
def deleted_restore(request: HttpRequest, deleted_id: int) -> HttpResponse:
    deleted = get_object_or_404(DeletedPerson, pk=deleted_id, owner=request.user)
    try:
        person = services.deleted_person_restore(deleted=deleted)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("sync:deleted")
    messages.success(request, f"{person.name} is back, with their story.")
    return redirect(person.get_absolute_url())
