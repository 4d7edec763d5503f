"""The practices' cadences on the limits page (/unge/graenser/): weeks
between plan reviews per support level, the working days a partner has to
answer a referral, the months of the aftercare check-ins. Administrators
only; bad input gets a Danish error and saves nothing; audited."""

import pytest

from kui.audit.models import AuditEvent
from youths.models import EffortLimits, SupportLevelThreshold

URL = "/unge/graenser/praksis/"


def _practices(**changes):
    return {
        "close_review_weeks": 4,
        "external_review_weeks": 6,
        "exit_review_weeks": 8,
        "referral_answer_working_days": 5,
        "aftercare_months": "3, 6, 12",
        **changes,
    }


def test_the_page_shows_the_defaults(client, administrator):
    client.force_login(administrator)
    page = client.get("/unge/graenser/").content.decode()
    assert "Praksisser fra kommunerne" in page and 'value="3, 6, 12"' in page
    assert "Tæt opfølgning: følg op på planen hver (uger)" in page


def test_an_administrator_sets_the_cadences(client, administrator):
    client.force_login(administrator)
    response = client.post(
        URL, _practices(close_review_weeks=3, referral_answer_working_days=8, aftercare_months="1; 3,6")
    )
    assert response.status_code == 302
    assert SupportLevelThreshold.review_weeks() == {"close": 3, "external": 6, "exit": 8}
    assert SupportLevelThreshold.as_dict()["close"] == 7  # the contact days are left as they were
    limits = EffortLimits.current()
    assert (limits.referral_answer_working_days, limits.aftercare_months) == (8, [1, 3, 6])
    audited = list(AuditEvent.objects.filter(actor=administrator).values_list("fields", flat=True))
    assert ["review_every_weeks"] in audited and ["aftercare_months", "referral_answer_working_days"] in [
        sorted(fields) for fields in audited
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"close_review_weeks": 27}, "close_review_weeks", "Vælg mellem 1 og 26 uger."),
        (
            {"referral_answer_working_days": 0},
            "referral_answer_working_days",
            "Denne værdi skal være større end eller lig 1.",
        ),
        ({"aftercare_months": "3, seks"}, "aftercare_months", "Skriv hele måneder adskilt af kommaer"),
        ({"aftercare_months": "3, 3"}, "aftercare_months", "Angiv hver måned kun én gang."),
        ({"aftercare_months": "3, 30"}, "aftercare_months", "mellem 1 og 24 måneder"),
        ({"aftercare_months": "1,2,3,4,5,6,7"}, "aftercare_months", "mellem 1 og 6 opfølgninger"),
    ],
)
def test_bad_input_gets_a_danish_error_and_saves_nothing(client, administrator, changes, field, message):
    client.force_login(administrator)
    response = client.post(URL, _practices(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EffortLimits.objects.exists() and not SupportLevelThreshold.objects.exists()


def test_a_contact_person_may_not(client, alice):
    client.force_login(alice)
    response = client.post(URL, _practices(close_review_weeks=2))
    assert response.status_code in (403, 404)
    assert SupportLevelThreshold.review_weeks()["close"] == 4
