"""Accessibility check with axe-core (vendored in tests/vendor, so no CDN).

The page's CSP forbids inline <script> tags, so axe is evaluated through
Playwright, which runs outside the page's policy."""

from pathlib import Path

from playwright.sync_api import Page

AXE_SOURCE = (Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map((node) => node.target.join(" ")),
  }));
}"""


def axe_violations(page: Page) -> list[dict]:
    """WCAG 2.0/2.1 A and AA violations of the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def assert_accessible(page: Page) -> None:
    """Fails on serious or critical violations, the ones that lock people
    out (missing labels, unreadable contrast, broken structure)."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    report = "\n".join(f"- {v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}" for v in blocking)
    assert not blocking, f"axe found {len(blocking)} serious/critical violation(s) on {page.url}:\n{report}"
