"""Every page of the project with the people who open it: the URL sweep's
world (tests/test_url_sweep.py) seen by each role that has pages of its own.
Shared by the rendered-Danish sweep (tests/test_danish_sweep.py) and the
browser's accessibility sweep (tests/browser/test_axe_sweep_browser.py), so a
new page joins both without a line here."""

from html.parser import HTMLParser

from tests.test_url_sweep import PUBLIC, all_routes, build_path

# Pages that are not pages: downloads, redirects to another site, and GETs that
# change state or would only repeat another page's HTML.
NOT_PAGES = {
    "logout",
    "account_logout",
    "kui_oidc_login",
    "kui_oidc_callback",
    "mfa_download_recovery_codes",
    "set_language",
    "healthz",
}
# Signed-in roles with pages of their own: the contact person who owns the
# world's youth, the team lead, the steering group, the administrator, the
# bakery's partner staff and the youth's own login.
PERSONAS = ("alice", "lead", "steering", "administrator", "baker", "sofie")


def persona(name: str, world, request):
    if name == "baker":
        return world["baker"]
    if name == "sofie":
        return world["youth"].user
    return request.getfixturevalue(name)


def page_paths(world, *, public: bool) -> list[tuple[str, str]]:
    """(URL name, path) of every GET page; public ones or the signed-in ones."""
    found = []
    for name, route, pattern in all_routes():
        if name in NOT_PAGES or (name in PUBLIC) != public:
            continue
        found.append((name, build_path(route, pattern, world)))
    return found


# Attributes whose words a person reads or hears (a screen reader says them).
READ_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "aria-description", "data-confirm"}
SILENT_TAGS = {"script", "style"}


class _Words(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._silent = 0

    def handle_starttag(self, tag, attrs):
        if tag in SILENT_TAGS:
            self._silent += 1
        attributes = dict(attrs)
        for key, value in attrs:
            if value and key in READ_ATTRIBUTES:
                self.texts.append(value)
        if tag == "input" and attributes.get("type") in {"submit", "button"} and attributes.get("value"):
            self.texts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in SILENT_TAGS and self._silent:
            self._silent -= 1

    def handle_data(self, data):
        if not self._silent and data.strip():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    """The page's text nodes and read-aloud attributes, whitespace folded."""
    parser = _Words()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.texts]
