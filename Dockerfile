# kui web, worker and beat image (Debian 12, Python 3.11 as on the target servers).
# Built and run with production settings only: DEBUG=0, secrets from the environment.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=0
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Exact versions with hashes (scripts/lock.sh); the project itself adds no other package.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY kui kui
COPY youths youths
COPY pathways pathways
COPY partners partners
COPY portfolio portfolio
RUN pip install --no-cache-dir --no-deps .
COPY . .
# The same static build CI tests (tests/production): hashed, compressed, with a manifest.
RUN python manage.py compilemessages --ignore=.venv -v 0 \
 && PYTHON=python scripts/collectstatic.sh
# var/media exists in the image, owned by kui: docker-compose.yml's named volume
# mounted there starts as a copy of it (a missing mount point would be root's).
RUN useradd --system --home /app kui && mkdir -p /app/var/media && chown -R kui /app/var
USER kui
EXPOSE 8000
# gunicorn.conf.py (read from /app) adds the timeout, worker recycling and access log.
CMD ["gunicorn", "kui.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
