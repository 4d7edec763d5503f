#!/usr/bin/env bash
# The production build of the static files, as the Dockerfile and CI run it:
# DEBUG=0 selects CompressedManifestStaticFilesStorage (hashed names, gzip and
# brotli copies, served by whitenoise). Without its manifest every page of a
# DEBUG=0 server is a 500, so this must succeed before the app is started.
# Collecting reads no database and no secret; placeholders stand in for the
# ones settings demand under DEBUG=0 when they are not set (an image is built
# before it knows its secrets). KUI_STATIC_ROOT chooses where the files go.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=0
export SECRET_KEY=${SECRET_KEY:-collectstatic-placeholder-not-a-secret}
export KUI_CPR_KEY=${KUI_CPR_KEY:-collectstatic-placeholder-not-a-secret}
export DATABASE_URL=${DATABASE_URL:-postgres://collectstatic@localhost/unused}
exec "${PYTHON:-python}" manage.py collectstatic --noinput --clear -v 0
