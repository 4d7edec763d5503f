from pathways.models import BallHandover
from tests.youths.factories import youth_in_caseload


def test_the_board_names_an_organisation_holding_the_ball(client, alice, org_b):
    youth = youth_in_caseload(alice)
    BallHandover.objects.create(youth=youth, holder_organisation=org_b, by=alice)
    client.force_login(alice)
    (row,) = client.get("/unge/").context["rows"]
    assert row.youth.ball_holder == org_b.name
