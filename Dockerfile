# kui web, worker and beat image (Debian 12, Python 3.11 as on the target servers).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY kui kui
COPY youths youths
COPY pathways pathways
COPY partners partners
COPY portfolio portfolio
RUN pip install --no-cache-dir .
COPY . .
RUN python manage.py compilemessages --ignore=.venv -v 0 \
 && DEBUG=1 python manage.py collectstatic --noinput -v 0
RUN useradd --system --home /app kui && mkdir -p /app/var && chown -R kui /app/var
USER kui
EXPOSE 8000
CMD ["gunicorn", "kui.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
