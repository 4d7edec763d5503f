"""Production settings for the load test (bench/load.py), with four
loopback-only changes — never use this module for a real installation:

- STATIC_ROOT from KUI_BENCH_STATIC_ROOT: collectstatic goes to a temporary
  folder instead of the checkout's var/;
- session and CSRF cookies without the Secure flag: the test talks plain HTTP
  on 127.0.0.1 (no TLS proxy in front), and a client sends Secure cookies
  only over HTTPS;
- no redirect to HTTPS (SECURE_SSL_REDIRECT), for the same reason;
- the development key as a fallback: the demo data was seeded under DEBUG
  with it, so the CPR numbers of the seeded youths still decrypt.
"""

import os

from kui.settings import *  # noqa: F403
from kui.settings import DEV_SECRET_KEY

STATIC_ROOT = os.environ["KUI_BENCH_STATIC_ROOT"]
SESSION_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
CSRF_COOKIE_SECURE = False
SECRET_KEY_FALLBACKS = [DEV_SECRET_KEY]
if os.environ.get("KUI_BENCH_STATICFILES_DIR"):  # static/ with the missing source-map references stripped
    STATICFILES_DIRS = [os.environ["KUI_BENCH_STATICFILES_DIR"]]
