"""Text messages through a pluggable gateway, the way Django sends e-mail:
`KUI_SMS_BACKEND` names a backend class, `send_sms()` uses it.

- `HttpBackend` posts to a Danish SMS provider's HTTP API (GatewayAPI's
  `POST /rest/mtsms` shape: a JSON body with sender, message and recipients,
  the API token in the Authorization header), configured from the
  environment (`KUI_SMS_API_URL`, `KUI_SMS_API_TOKEN`, `KUI_SMS_SENDER`).
- `ConsoleBackend` writes the message to the log (development).
- `LocmemBackend` keeps messages in `outbox` (tests).

The backends know nothing about youths: the caller decides what a message
says (and that it says nothing sensitive).
"""

import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# A Danish number: eight digits, the first 2–9 (0 and 1 start no subscriber number), optionally after +45 or 0045.
_DANISH_NUMBER = re.compile(r"^(?:\+45|0045|45)?([2-9]\d{7})$")


class SmsError(Exception):
    """The gateway refused the message or could not be reached."""


@dataclass(frozen=True)
class SmsMessage:
    to: str  # normalised: +45 and eight digits
    text: str
    reference: str = ""  # our id for the message, echoed by the gateway's delivery reports


def normalise_number(raw: str) -> str | None:
    """'+45 12 34 56 78', '12345678', '0045-12345678' → '+4512345678'; None if it is no Danish number."""
    digits = re.sub(r"[\s\-().]", "", raw or "")
    match = _DANISH_NUMBER.match(digits)
    return f"+45{match.group(1)}" if match else None


class BaseBackend:
    def send(self, message: SmsMessage) -> str:
        """Send one message; return the gateway's id for it. Raise SmsError on failure."""
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send(self, message: SmsMessage) -> str:
        # The number is masked: the log is no place for who was reminded.
        logger.info("SMS to %s******: %s", message.to[:5], message.text)
        return f"console:{message.reference}"


outbox: list[SmsMessage] = []


class LocmemBackend(BaseBackend):
    def send(self, message: SmsMessage) -> str:
        outbox.append(message)
        return f"locmem:{len(outbox)}"


class HttpBackend(BaseBackend):
    def send(self, message: SmsMessage) -> str:
        body = {
            "sender": settings.KUI_SMS_SENDER,
            "message": message.text,
            "recipients": [{"msisdn": int(message.to.lstrip("+"))}],
            "userref": message.reference,
        }
        # The URL is our own setting (https in production), never user input.
        request = urllib.request.Request(  # nosec B310
            settings.KUI_SMS_API_URL,
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Token {settings.KUI_SMS_API_TOKEN}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.KUI_SMS_TIMEOUT_SECONDS) as response:  # nosec B310
                answer = json.loads(response.read() or b"{}")
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise SmsError(f"gateway: {error}") from error
        ids = answer.get("ids") or []
        if not ids:
            raise SmsError("gateway answered without a message id")
        return str(ids[0])


def available() -> bool:
    """False when the HTTP backend has no API token: then no one can opt in to SMS."""
    return not (settings.KUI_SMS_BACKEND.endswith(".HttpBackend") and not settings.KUI_SMS_API_TOKEN)


def get_backend() -> BaseBackend:
    return import_string(settings.KUI_SMS_BACKEND)()


def send_sms(*, to: str, text: str, reference: str = "") -> str:
    number = normalise_number(to)
    if number is None:
        raise SmsError("not a Danish mobile number")
    return get_backend().send(SmsMessage(to=number, text=text, reference=reference))
