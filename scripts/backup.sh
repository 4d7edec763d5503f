#!/usr/bin/env bash
# Back up kui: the PostgreSQL database (pg_dump custom format, compressed) and
# the uploaded documents (KUI_MEDIA_ROOT), into one dated directory.
#
#   DATABASE_URL=postgres://kui@db/kui KUI_MEDIA_ROOT=/srv/kui/media scripts/backup.sh /backups
#
# The dump holds CPR numbers encrypted and the audit trail with its hash chain;
# it does NOT hold the keys. Keep SECRET_KEY, SECRET_KEY_FALLBACKS, KUI_CPR_KEY
# (and its fallbacks) in the municipality's secret store, apart from the
# backups: a backup without them cannot decrypt a CPR number, and keys without
# a backup restore nothing. Restore with scripts/restore.sh (SECURITY.md).
set -euo pipefail

target_root=${1:?usage: scripts/backup.sh TARGET_DIRECTORY}
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$target_root/kui-$stamp"
umask 077  # personal data: readable by the backup user only
mkdir -p "$target"

pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$target/database.dump" "$DATABASE_URL"
if [ -n "${KUI_MEDIA_ROOT:-}" ] && [ -d "$KUI_MEDIA_ROOT" ]; then
  tar -C "$KUI_MEDIA_ROOT" -czf "$target/media.tar.gz" .
fi
(cd "$target" && sha256sum -- * > SHA256SUMS)
echo "$target"
