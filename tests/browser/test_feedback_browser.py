"""Feedback while work is under way, and no console errors: an in-place save
on the board shows a spinner on its button and says "Gemmer …", and leaves
no CSP violation (htmx injects no inline style) and no error in the console;
a PDF link says that the file is being made."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ACTION_TIMEOUT_MS, PHONE_VIEWPORT
from tests.browser.test_board_browser import RED_DAYS, _youth_with_last_contact
from youths.models import Contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH_CSP = """() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation",
    (event) => window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI));
}"""


@pytest.fixture(params=["phone", "desktop"])
def watched_page(request, new_context):
    phone = request.param == "phone"
    viewport = PHONE_VIEWPORT if phone else {"width": 1280, "height": 800}
    context = new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(f"({WATCH_CSP})()")
    return page, problems


def test_an_in_place_save_shows_progress_and_leaves_no_console_error(watched_page, log_in, alice):
    page, problems = watched_page
    sara = _youth_with_last_contact(alice, "Sara", RED_DAYS)
    log_in(page, alice)
    expect(page).to_have_url(re.compile(r"/unge/$"))
    card = page.locator(f"#row-{sara.public_id}")
    card.locator("summary", has_text="Log kontakt").click()
    save = card.get_by_role("button", name="Gem kontakt")

    held = []
    page.route("**/kontakt/", lambda route: held.append(route) if route.request.method == "POST" else route.continue_())
    save.click()
    # While the server works: the button spins and the live region says so.
    expect(save).to_have_class(re.compile(r"\bis-busy\b"))
    expect(save).to_have_attribute("aria-busy", "true")
    expect(page.locator("#live-region")).to_have_text("Gemmer …")
    assert Contact.objects.filter(youth=sara).count() == 1
    held[0].continue_()
    expect(card.locator(".contact-saved")).to_have_text(re.compile(r"Kontakt med Sara Jensen gemt"))
    page.unroute("**/kontakt/")
    assert Contact.objects.filter(youth=sara).count() == 2

    page.wait_for_timeout(300)  # a late htmx settle would report here
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
    assert page.locator("[style]").count() == 0  # nothing put an inline style into the page


def test_a_pdf_link_says_the_file_is_being_made(watched_page, log_in, alice):
    page, problems = watched_page
    sara = _youth_with_last_contact(alice, "Sara", RED_DAYS)
    log_in(page, alice)
    page.goto(f"/unge/{sara.public_id}/portfolio/")
    link = page.get_by_role("link", name="Portfolio som PDF")
    expect(link).to_be_visible()
    # The click and what it shows, read in the same task, before the browser leaves for the PDF's page.
    shown = page.evaluate(
        """() => {
          const link = [...document.querySelectorAll("a")].find((a) => a.textContent.trim() === "Portfolio som PDF");
          link.click();
          return [link.classList.contains("is-busy"), link.getAttribute("aria-busy"),
                  document.querySelector(".busy-note").textContent, document.getElementById("live-region").textContent];
        }"""
    )
    note = "Filen dannes – den kommer, så snart den er klar."
    assert shown == [True, "true", note, note]
    expect(page.locator("h1")).to_have_text("Portfolio som PDF")  # the render's own progress page follows
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
