#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database, then check it.
#
#   DATABASE_URL=postgres://kui@db/kui_restored KUI_MEDIA_ROOT=/srv/kui/media \
#     scripts/restore.sh /backups/kui-20261201T021500Z
#
# Run it with the same SECRET_KEY / KUI_CPR_KEY (and fallbacks) as the backed-up
# installation. Afterwards it verifies the audit trail's hash chain
# (`manage.py audit_verify`); `manage.py check` and a look at a youth with a
# CPR number confirm that the keys fit.
set -euo pipefail
cd "$(dirname "$0")/.."

source_dir=${1:?usage: scripts/restore.sh BACKUP_DIRECTORY}
: "${DATABASE_URL:?DATABASE_URL must point at the (empty) database to restore into}"
(cd "$source_dir" && sha256sum --check --quiet SHA256SUMS)

pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$source_dir/database.dump"
if [ -f "$source_dir/media.tar.gz" ] && [ -n "${KUI_MEDIA_ROOT:-}" ]; then
  mkdir -p "$KUI_MEDIA_ROOT"
  tar -C "$KUI_MEDIA_ROOT" -xzf "$source_dir/media.tar.gz"
fi
PYTHON=${PYTHON:-.venv/bin/python}
"$PYTHON" manage.py audit_verify
