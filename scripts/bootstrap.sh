#!/usr/bin/env bash
# Prepares a fresh clone: system packages, .venv, the project and its test
# tools, compiled translations. Safe to run again; it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(libharfbuzz-subset0 poppler-utils chromium chromium-driver gettext fonts-dejavu-core
                 libpango-1.0-0 libpangoft2-1.0-0 postgresql-client nodejs)
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
  if ! can_install_system_packages; then
    echo "bootstrap: please install these system packages first (as root):"
    echo "  apt-get install --no-install-recommends $missing"
    exit 1
  fi
  echo "bootstrap: installing system packages: $missing"
  # shellcheck disable=SC2086
  apt_install $missing
}

# Root installs directly; anyone else through sudo when it is there.
SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo)
can_install_system_packages() {
  command -v apt-get >/dev/null || return 1
  [ "$(id -u)" = 0 ] || command -v sudo >/dev/null
}
apt_install() {
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Debian ships venv's pip (ensurepip) separately, in python3-venv. Without it:
# install it (root or sudo), else virtualenv from pip for this user, else a
# venv without pip that the system's pip then fills (pip --python).
make_venv() {
  [ -x .venv/bin/python ] && return
  "$PYTHON" -m venv .venv 2>/dev/null && return
  rm -rf .venv
  local version
  version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  if can_install_system_packages; then
    echo "bootstrap: python${version}-venv is missing; installing it"
    apt_install "python${version}-venv" && "$PYTHON" -m venv .venv && return
    rm -rf .venv
  fi
  if "$PYTHON" -m virtualenv --version >/dev/null 2>&1 \
    || "$PYTHON" -m pip install -q --user virtualenv 2>/dev/null \
    || "$PYTHON" -m pip install -q --user --break-system-packages virtualenv; then
    "$PYTHON" -m virtualenv -q .venv && return
    rm -rf .venv
  fi
  echo "bootstrap: no venv module, virtualenv or sudo: using the system's pip for .venv"
  "$PYTHON" -m venv --without-pip .venv
  "$PYTHON" -m pip --python .venv/bin/python install -q pip
}

# Exact versions with hashes from requirements-test.lock (scripts/lock.sh
# writes it), then the project itself. A dependency added to pyproject.toml
# but not locked yet still installs; tests/kui/test_lockfile.py fails until
# the lock is refreshed.
install_python_packages() {
  make_venv
  local stamp=.venv/.kui-installed
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements-test.lock -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --require-hashes -r requirements-test.lock
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

# .gitattributes names a merge driver for the translation catalogues; git only
# knows it once it is configured in the clone. Two branches that both add
# strings then merge as the union of their entries instead of conflicting.
configure_catalogue_merge() {
  git rev-parse --git-dir >/dev/null 2>&1 || return 0
  git config merge.pofile.name "gettext catalogues: union of entries"
  git config merge.pofile.driver 'msgcat --use-first --no-location -o %A.merged %A %B && mv %A.merged %A'
}

install_system_packages
install_python_packages
install_test_oidc_provider
configure_catalogue_merge
mkdir -p var
.venv/bin/python manage.py compilemessages --ignore=.venv -v 0
