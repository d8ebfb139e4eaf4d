#!/bin/sh
# Lints the API document with Redocly's recommended rules; it must report 0 errors (docs/architecture.md).
#   scripts/lint-openapi.sh                    the document of a portal on http://localhost:8080
#   scripts/lint-openapi.sh <url-or-file>      another portal, or a saved document
# Needs node; fetches @redocly/cli (pinned) through npx the first time. The suite runs the same lint in OpenApiTest
# when REDOCLY_CLI names an installed redocly binary, and skips it otherwise (no network in the suite).
set -eu
source=${1:-http://localhost:8080/q/openapi?format=json}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case $source in
  http://*|https://*) curl -fsS "$source" -o "$work/openapi.json" ;;
  *) cp "$source" "$work/openapi.json" ;;
esac
exec npx --yes @redocly/cli@2.77.0 lint --extends=recommended "$work/openapi.json"
