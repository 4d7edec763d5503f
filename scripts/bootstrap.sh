#!/usr/bin/env bash
# Prepares a fresh clone: system packages, .venv, the project and its test
# tools, compiled translations. Safe to run again; it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(libharfbuzz-subset0 poppler-utils chromium chromium-driver gettext fonts-dejavu-core
                 libpango-1.0-0 libpangoft2-1.0-0 nodejs)
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3

missing_system_packages() {
  local pkg
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

install_system_packages() {
  command -v dpkg-query >/dev/null || { echo "bootstrap: not a Debian system; install: ${SYSTEM_PACKAGES[*]} (or equivalents)"; return; }
  local missing
  missing=$(missing_system_packages)
  [ -z "$missing" ] && return
  if [ "$(id -u)" = 0 ]; then
    echo "bootstrap: installing system packages: $missing"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "bootstrap: please install these system packages first (as root):"
    echo "  apt-get install --no-install-recommends $missing"
    exit 1
  fi
}

install_python_packages() {
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  local stamp=.venv/.kui-installed
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test]"
    touch "$stamp"
  fi
}

install_test_oidc_provider() {
  # The real OpenID provider that the single sign-on tests start (npm oidc-provider,
  # test-only, pinned by tests/oidc/package-lock.json). Needs Node 20 or newer.
  [ -d tests/oidc/node_modules/oidc-provider ] && return
  command -v npm >/dev/null || { echo "bootstrap: npm not found; the single sign-on tests need Node 20+ and npm"; return; }
  (cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error)
}

install_system_packages
install_python_packages
install_test_oidc_provider
mkdir -p var
.venv/bin/python manage.py compilemessages --ignore=.venv -v 0
