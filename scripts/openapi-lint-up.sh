#!/usr/bin/env bash
# openapi-lint-up.sh - install the OpenAPI linter the tests run on /openapi/v1.json: Spectral, pinned by
# tools/openapi-lint/package-lock.json, into tools/openapi-lint/node_modules (Debian's nodejs and npm first,
# if the machine has no node). Installed and unchanged, this takes well under a second.
set -euo pipefail
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo -E"
TOOLS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools/openapi-lint" && pwd)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[openapi-lint-up] installing Debian's nodejs and npm ..." >&2
  echo 'man-db man-db/auto-update boolean false' | $SUDO debconf-set-selections || true
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm >/dev/null \
    || { $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm >/dev/null; }
fi
# npm ci starts from an empty node_modules (a minute), so only when the lock file differs from the one installed.
installed="$TOOLS/node_modules/.installed-package-lock.json"
if [ ! -x "$TOOLS/node_modules/.bin/spectral" ] || ! cmp -s "$TOOLS/package-lock.json" "$installed"; then
  echo "[openapi-lint-up] npm ci in $TOOLS ..." >&2
  (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error </dev/null >&2)
  cp "$TOOLS/package-lock.json" "$installed"
fi
echo "[openapi-lint-up] spectral $("$TOOLS/node_modules/.bin/spectral" --version) with node $(node --version)" >&2
