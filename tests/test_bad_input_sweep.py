"""No input ever produces a 500: every URL, as its rightful user (alice, who
owns the sample objects) and as a team lead, gets junk by GET and POST —
empty forms, overlong text, wrong types, foreign and unknown ids."""

import pytest

from tests.test_url_sweep import PUBLIC, all_routes, build_path, world  # noqa: F401  (fixture)

JUNK_VALUES = [
    "",
    "x" * 5000,
    "-5",
    "abc",
    "2099-99-99",
    "0",
    "99999999",
    "<script>alert(1)</script>",
    "00000000-0000-0000-0000-000000000000",
    "1e400",
    "nul\x00byte",
]
FIELD_NAMES = [
    "first_name",
    "last_name",
    "birth_date",
    "cpr",
    "team",
    "priority",
    "status",
    "to_status",
    "changed_on",
    "reason",
    "contact_person",
    "started_on",
    "happened_at",
    "medium",
    "duration_minutes",
    "note",
    "text",
    "theme",
    "area",
    "given_on",
    "withdrawn_on",
    "organisation",
    "ring",
    "name",
    "relation",
    "held_on",
    "goal",
    "step_type",
    "title",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "weekdays",
    "partner",
    "group_course",
    "version",
    "outcome",
    "direction",
    "holder_user",
    "holder_organisation",
    "handed_on",
    "owner",
    "due_on",
    "youth",
    "description",
    "becomes",
    "cases",
    "page",
    "q",
    "sort",
    "uge",
    "limit",
    "email",
    "phone",
    "capacity",
    "where",
    "confirm_new",
    "token",
    "file",
    "person",
    "waiting_for",
    "expected_from",
    "expected_until",
    "check_in_on",
]


def _payloads():
    yield {}
    for value in JUNK_VALUES:
        yield dict.fromkeys(FIELD_NAMES, value)


@pytest.mark.parametrize("persona", ["alice", "lead"])
def test_no_junk_input_gives_a_server_error(client, world, request, persona):
    client.force_login(request.getfixturevalue(persona))
    client.raise_request_exception = False
    failures = []
    for name, route, pattern in all_routes():
        if name in {"logout", "set_language"}:
            continue
        path = build_path(route, pattern, world)
        for payload in _payloads():
            for method in (client.get, client.post):
                response = method(path, payload)
                if response.status_code >= 500:
                    failures.append(f"{method.__name__.upper()} {name} {path} {str(payload)[:60]}")
    assert failures == []
