"""The median and day differences, the same on SQLite as PostgreSQL's
percentile_cont (CI runs this file on PostgreSQL too)."""

import datetime

import pytest
from django.db import connection

from kui.dashboards import sql

pytestmark = pytest.mark.django_db


def scalar(expression: str, values: list) -> object:
    rows = " UNION ALL ".join(["SELECT %s AS x"] * len(values))
    cast = "CAST(x AS float)" if connection.vendor == "postgresql" else "x"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expression.format(cast)} FROM ({rows}) AS t", values)
        return cursor.fetchone()[0]


@pytest.mark.parametrize("values, expected", [([3, 1, 2], 2), ([4, 1, 3, 2], 2.5), ([7], 7)])
def test_the_median_interpolates_between_the_middle_values(values, expected):
    assert float(scalar(sql.median("{}"), values)) == expected


def test_the_median_skips_nulls():
    assert float(scalar(sql.median("{}"), [None, 5, None, 1])) == 3


def test_the_median_of_nothing_is_null():
    assert scalar(sql.median("{}"), [None]) is None


def test_days_between_dates_are_whole_days():
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {sql.days_between(sql.date_param(), sql.date_param())}",
            [datetime.date(2026, 3, 1), datetime.date(2026, 2, 1)],
        )
        assert cursor.fetchone()[0] == 28
