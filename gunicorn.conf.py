"""gunicorn's settings for kui, read by gunicorn from the working directory
(the Dockerfile's CMD, docker-compose.yml's web service and CI all start it
from the project root). The command line names the bind address and the
worker count; what is here holds for every deployment."""

import os

# Several instances may share a host (CI jobs, blue/green); nothing uses gunicorn's runtime
# control socket, and a shared default path under $HOME would let them collide.
control_socket_disable = True
# Requests longer than this are cut off; slow work belongs in the Celery worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Restart each worker after this many requests (with jitter), so slow leaks cannot grow.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
# The path without its query string and no referrer: a search typed into the wrong
# box (a CPR number in the board's name search) must not reach the access log.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
