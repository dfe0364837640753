"""Two-factor authentication: an authenticator app (TOTP) and ten one-time recovery codes, kept
by django-otp (its otp_totp and otp_static plugins). Two-factor is on when the user has a
confirmed authenticator; the recovery codes come with it and go with it.

Both kinds of device throttle guessing themselves (django-otp waits 1, 2, 4, 8 … seconds after
each wrong code); the log-in step also counts wrong codes with django-axes, like wrong passwords.
"""

from __future__ import annotations

import datetime as dt
from base64 import b32encode
from dataclasses import dataclass

import segno
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
WRONG_CODE = "That code is not right. Type the 6 digits your app shows now, or a recovery code."


@dataclass
class CodeCheck:
    """What a code given at log-in (or to confirm a change) did."""

    device: Device | None = None
    recovery_code_used: bool = False
    wait_until: dt.datetime | None = None  # too many wrong codes: django-otp's throttle

    @property
    def ok(self) -> bool:
        return self.device is not None


def two_factor_enabled(user: User) -> bool:
    """True when the user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def authenticators(user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at", "id"))


def authenticator_get_or_404(user: User, device_id: object) -> TOTPDevice:
    """One of the user's own authenticators; anybody else's is a 404."""
    try:
        primary_key = int(str(device_id))
    except ValueError as error:
        raise Http404("Not found.") from error
    found = TOTPDevice.objects.filter(user=user, confirmed=True, pk=primary_key).first()
    if found is None:
        raise Http404("Not found.")
    return found


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def authenticator_pending(user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, so reloading the
    page does not undo a scan."""
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if pending is None:
        pending = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return pending


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app asks for it when typed in (base32, in groups of four)."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an inline SVG QR code."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=2))


def _normalized(code: str) -> str:
    return "".join(str(code or "").split()).replace("-", "").lower()


def _recovery_codes_create(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    device.throttle_reset()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_code_display(code: str) -> str:
    """A recovery code as shown: two groups of four ("abcd efgh"); typed with or without the
    space or a dash."""
    return f"{code[:4]} {code[4:]}" if len(code) == 8 else code


def authenticator_confirm(*, user: User, code: str) -> list[str]:
    """Turn the authenticator being set up on, once it gives a right code. The first one also
    makes the ten recovery codes, returned to be shown once (another one keeps the codes).

    A wrong code is refused after the transaction, so that django-otp's throttle counts it."""
    with transaction.atomic():
        pending = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if pending is None:
            problem = "Start the set-up again: there is no code to confirm."
        elif not pending.verify_is_allowed()[0]:
            problem = "Too many wrong codes: wait a minute and try again."
        elif not _normalized(code).isdigit() or not pending.verify_token(_normalized(code)):
            problem = WRONG_CODE
        else:
            first = not two_factor_enabled(user)
            pending.confirmed = True
            pending.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            return _recovery_codes_create(user) if first else []
    raise ValidationError({"code": problem})


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    if not two_factor_enabled(user):
        raise ValidationError("Turn on two-factor authentication first.")
    return _recovery_codes_create(user)


def code_check(*, user: User, code: str) -> CodeCheck:
    """Check a code from the user's authenticator, or one of their recovery codes (which then
    stops working). Runs in a transaction so that the throttle holds under concurrent tries."""
    token = _normalized(code)
    kinds: list[type[Device]] = [TOTPDevice] if token.isdigit() else [StaticDevice]
    wait_until = None
    with transaction.atomic():
        for kind in kinds:
            for device in kind.objects.filter(user=user, confirmed=True).select_for_update():
                allowed, why = device.verify_is_allowed()
                if not allowed:
                    wait_until = (why or {}).get("locked_until") or wait_until
                    continue
                if device.verify_token(token):
                    return CodeCheck(device=device, recovery_code_used=kind is StaticDevice)
    return CodeCheck(wait_until=wait_until)


def identity_confirmed(*, user: User, secret: str) -> bool:
    """Before turning two-factor off: the account's password, or a code (or recovery code)."""
    if secret and user.check_password(secret):
        return True
    return bool(secret) and code_check(user=user, code=secret).ok


@transaction.atomic
def authenticator_remove(*, user: User, device: TOTPDevice) -> bool:
    """Remove one authenticator; the last one takes two-factor (and the recovery codes) off.
    Returns True when two-factor is now off."""
    if device.user_id != user.pk:
        raise Http404("Not found.")
    device.delete()
    if two_factor_enabled(user):
        return False
    two_factor_disable(user=user)
    return True


@transaction.atomic
def two_factor_disable(*, user: User) -> int:
    """Turn two-factor off: every authenticator and recovery code goes (the escape hatch of
    `hallway user 2fa-reset` when a phone is lost). Returns how many devices were removed."""
    removed = 0
    for kind in (TOTPDevice, StaticDevice):
        count, _by_model = kind.objects.filter(user=user).delete()
        removed += count if kind is TOTPDevice else 0
    return removed
