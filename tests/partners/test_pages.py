"""Every page of the partners app renders for the people it is for (the
URL sweep's world has one of everything)."""

from django.urls import reverse

from tests.test_url_sweep import world  # noqa: F401 (fixture)

# url name → (persona, world keys for its arguments)
PAGES = {
    "partners:organisation_list": ("alice", []),
    "partners:organisation_create": ("lead", []),
    "partners:organisation_detail": ("alice", ["bakery"]),
    "partners:organisation_edit": ("lead", ["bakery"]),
    "partners:contact_create": ("lead", ["bakery"]),
    "partners:contact_edit": ("lead", ["contact"]),
    "partners:offer_create": ("lead", ["bakery"]),
    "partners:offer_edit": ("lead", ["offer"]),
    "partners:placements": ("alice", []),
    "partners:internship_search_create": ("alice", ["youth"]),
    "partners:referral_create": ("alice", ["youth"]),
    "partners:referral_answer": ("alice", ["referral"]),
    "partners:agreement_list": ("alice", []),
    "partners:agreement_create": ("lead", []),
    "partners:agreement_detail": ("lead", ["agreement"]),
    "partners:agreement_edit": ("lead", ["agreement"]),
    "partners:party_commitments": ("lead", ["agreement", "bakery"]),
    "partners:body_list": ("alice", []),
    "partners:body_create": ("lead", ["agreement"]),
    "partners:body_detail": ("lead", ["body"]),
    "partners:governance_meeting_create": ("lead", ["body"]),
    "partners:governance_meeting_detail": ("lead", ["meeting_of_body"]),
    "partners:governance_meeting_edit": ("lead", ["meeting_of_body"]),
    "partners:portal": ("baker", []),
    "partners:portal_youth": ("baker", ["youth"]),
}


def _argument(obj):
    return obj.public_id


def test_every_page_renders(client, request, world):
    """One world for all pages (building it is the slow part)."""
    for name, (persona, keys) in sorted(PAGES.items()):
        user = world[persona] if persona in world else request.getfixturevalue(persona)
        client.force_login(user)
        response = client.get(reverse(name, args=[_argument(world[key]) for key in keys]))
        assert response.status_code == 200, name
        assert b'<main id="main"' in response.content, name


def test_every_get_page_of_the_app_is_covered():
    from tests.test_url_sweep import all_routes

    not_html_pages = {
        "partners:contact_remove",
        "partners:internship_search_close",
        "partners:message_read",
        "partners:document_upload",
        "partners:document_download",
        "partners:member_add",
        "partners:member_remove",
        "partners:decision_add",
        "partners:portal_attendance",
        "partners:portal_outcome",
        "partners:portal_message",
    }
    names = {name for name, *_ in all_routes() if name.startswith("partners:")}
    assert names - not_html_pages == set(PAGES)
