#!/usr/bin/env bash
# Regenerates the lock files from pyproject.toml with exact versions and
# hashes (pip-tools). Run after changing a dependency, and commit both files:
#   requirements.lock       what the app needs (the Dockerfile installs it)
#   requirements-test.lock  the same plus the test tools (scripts/bootstrap.sh)
# Versions already locked are kept unless pyproject.toml rules them out; add
# --upgrade to move everything to the newest allowed release.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -m piptools --version >/dev/null 2>&1 || "$PY" -m pip install -q "pip-tools>=7.4,<8"
compile() {
  "$PY" -m piptools compile --quiet --generate-hashes --strip-extras --allow-unsafe \
    --no-emit-index-url --no-emit-find-links "$@" pyproject.toml
}
compile --extra test -o requirements-test.lock "$@"
# The app's lock starts from the test lock, so both name the same versions.
[ -f requirements.lock ] || cp requirements-test.lock requirements.lock
compile -o requirements.lock "$@"
