#!/usr/bin/env bash
# The API's OpenAPI document under two linters, Spectral (spectral:oas, .spectral.yaml) and
# Redocly (recommended, redocly.yaml): any error or warning of either fails (make lint-api).
# The document is written by the `motcua` command, as /api/v1/openapi.json serves it, with no
# server running; an empty database will do (nothing in the document is read from its tables).
set -euo pipefail
cd "$(dirname "$0")"
bin=node_modules/.bin
tmp="$(mktemp -d -t motcua-openapi-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
schema="$tmp/openapi.json"

DATABASE_URL="sqlite:///$tmp/empty.sqlite3" ../../.venv/bin/motcua export_openapi_schema \
  --api motcua.api.urls.api --output "$schema"

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
echo "== Spectral (spectral:oas)"
"$bin/spectral" lint --ruleset .spectral.yaml --fail-severity=warn "$schema"

echo "== Redocly (recommended)"
"$bin/redocly" lint --config redocly.yaml --format=stylish "$schema"  # lists all; fails on an error
# Redocly exits 0 on warnings alone: count them
warnings="$("$bin/redocly" lint --config redocly.yaml --format=json "$schema" 2>/dev/null \
  | node -e 'let s = ""; process.stdin.on("data", d => s += d)
             .on("end", () => console.log(JSON.parse(s).totals.warnings))')"
if [ "$warnings" != 0 ]; then
  echo "Redocly: $warnings warning(s), listed above" >&2
  exit 1
fi
