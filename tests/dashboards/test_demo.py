import io

from django.core.management import call_command

from kui.dashboards.models import KpiSnapshot


def test_the_demo_has_a_year_of_trends(settings, db):
    settings.DEBUG = True
    call_command("seed_demo", youths=10, stdout=io.StringIO())
    months = set(
        KpiSnapshot.objects.filter(scope="all", breakdown="", kpi="active").values_list("period_start", flat=True)
    )
    assert len(months) == 12
    assert KpiSnapshot.objects.filter(scope="all", breakdown="team").exists()
