"""A small HTTP client that behaves like a browser behind the municipality's
TLS-terminating load balancer: it sends X-Forwarded-Proto: https (DEBUG=0
trusts it, see SECURE_PROXY_SSL_HEADER), keeps the Secure session and CSRF
cookies, and sends an Origin header as browsers do. Plus the link and asset
extraction the page sweeps need."""

import re
import time
from html.parser import HTMLParser
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit

import pyotp
import requests

DEMO_PASSWORD = "kui-demo"


class BehindTlsProxy(DefaultCookiePolicy):
    """The connection to the load balancer is HTTPS; the loopback hop is not."""

    def return_ok_secure(self, cookie, request):
        return True

    def set_ok(self, cookie, request):
        return True


class Browser:
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.origin = "https://" + urlsplit(self.base_url).netloc
        self.session = requests.Session()
        self.session.cookies.set_policy(BehindTlsProxy())
        self.session.headers.update({"X-Forwarded-Proto": "https", "Accept-Language": "da"})

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path)

    def _cookie_header(self) -> dict:
        # requests merges the jar into a fresh one (default policy) per request, which would
        # drop the Secure cookies on this http:// hop: send them explicitly.
        return {"Cookie": "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.session.cookies)}

    def get(self, path: str, headers: dict | None = None, **kwargs) -> requests.Response:
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        return self.session.get(self.url(path), headers={**self._cookie_header(), **(headers or {})}, **kwargs)

    def post(self, path: str, data: dict, headers: dict | None = None, **kwargs) -> requests.Response:
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        headers = {**self._cookie_header(), "Origin": self.origin, "Referer": self.origin + path, **(headers or {})}
        return self.session.post(self.url(path), data=data, headers=headers, **kwargs)


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def sign_in(browser: Browser, username: str, password: str = DEMO_PASSWORD) -> requests.Response:
    """The one place the tests sign in: the password, then (staff) the code
    of their authenticator app from the demo's fixed TOTP secret. Returns the
    response after the last step."""
    page = browser.get("/konto/login/")
    assert page.status_code == 200, page.status_code
    response = browser.post(
        "/konto/login/",
        {"csrfmiddlewaretoken": csrf_token(page.text), "username": username, "password": password},
    )
    assert response.status_code == 302, f"{username} could not sign in ({response.status_code})"
    if response.headers["Location"].endswith(SECOND_FACTOR_URL):
        response = _enter_code(browser, username)
    return response


SECOND_FACTOR_URL = "/konto/2fa/authenticate/"


def _enter_code(browser: Browser, username: str) -> requests.Response:
    from kui.demo.core import demo_totp_secret

    totp = pyotp.TOTP(demo_totp_secret(username))
    for _attempt in range(2):
        page = browser.get(SECOND_FACTOR_URL)
        response = browser.post(SECOND_FACTOR_URL, {"csrfmiddlewaretoken": csrf_token(page.text), "code": totp.now()})
        if response.status_code == 302:
            return response
        # A code is taken once: this user signed in earlier in the same 30-second
        # step (another test, or a restart drill). The next step brings a new code.
        time.sleep(totp.interval - time.time() % totp.interval + 1)
    raise AssertionError(f"{username}: the second factor was refused ({response.status_code})")


# --- What a page links to --------------------------------------------------------
class PageLinks(HTMLParser):
    """Same-origin links (a href, hx-get) and the stylesheets and scripts a page loads."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if attributes.get("hx-get"):
            self.links.append(attributes["hx-get"])
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "") and attributes.get("href"):
            self.assets.append(attributes["href"])
        if tag == "script" and attributes.get("src"):
            self.assets.append(attributes["src"])


def page_links(html: str, page_path: str) -> tuple[list[str], list[str]]:
    parser = PageLinks()
    parser.feed(html)
    links = []
    for href in parser.links:
        absolute = urljoin(page_path, href.strip())
        parts = urlsplit(absolute)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue  # another origin, mailto:, tel:
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links, [urljoin(page_path, asset) for asset in parser.assets]


# --- Forms, filled in as a person who accepts the defaults would -----------------
class PageForms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attributes.get("action", ""), "fields": {}})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            if kind not in ("submit", "button", "file"):
                fields[name] = attributes.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if self._select not in fields or "selected" in attributes:
                fields[self._select] = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


def form_with_action(html: str, action_ending: str) -> tuple[str, dict]:
    """The first form whose action ends with `action_ending`: (action, default values)."""
    parser = PageForms()
    parser.feed(html)
    for form in parser.forms:
        if form["action"].endswith(action_ending):
            return form["action"], form["fields"]
    raise AssertionError(f"no form posting to …{action_ending} on the page")
