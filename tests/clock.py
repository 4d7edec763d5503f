"""The one clock of the test suite.

Every test runs at the same instant (an autouse fixture in tests/conftest.py
travels there), so no test depends on the day it happens to run: a run that
crosses midnight, a weekend or a public holiday gives the same result. Dates a
module needs at import time are derived from these constants, never from the
machine's clock.
"""

import datetime
import zoneinfo

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
# A Monday morning in an ordinary week (no Danish public holiday near it).
NOW = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=COPENHAGEN)
TODAY = NOW.date()
