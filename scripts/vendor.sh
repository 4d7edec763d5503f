#!/usr/bin/env bash
# Refreshes the vendored front-end files from the npm registry. Not part of
# the normal setup: the files are committed so a fresh clone needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack bootstrap@5.3 htmx.org@2 chart.js@4 axe-core@4 --silent >/dev/null)
for tgz in "$work"/*.tgz; do mkdir -p "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"; done
cp "$work"/bootstrap-*/package/dist/css/bootstrap.min.css "$work"/bootstrap-*/package/dist/js/bootstrap.bundle.min.js static/vendor/bootstrap/
cp "$work"/htmx.org-*/package/dist/htmx.min.js static/vendor/htmx/
cp "$work"/chart.js-*/package/dist/chart.umd.min.js static/vendor/chartjs/
cp "$work"/chart.js-*/package/LICENSE.md static/vendor/chartjs/LICENSE
cp "$work"/axe-core-*/package/axe.min.js tests/vendor/axe.min.js
# The npm dist files name source maps that are not shipped. Under DEBUG=0,
# collectstatic (CompressedManifestStaticFilesStorage) follows every
# sourceMappingURL and fails on the missing .map, so the comments go.
strip_source_maps() {
  sed -i -E '/^(\/\/# sourceMappingURL=.*|\/\*# sourceMappingURL=.*\*\/)$/d' "$@"
}
strip_source_maps static/vendor/bootstrap/*.min.* static/vendor/htmx/*.min.js static/vendor/chartjs/*.min.js
ls "$work"/*.tgz
