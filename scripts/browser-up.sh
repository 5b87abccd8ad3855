#!/usr/bin/env bash
# browser-up.sh - install Debian's chromium (if missing) and smoke-test it headless, offline.
# Prints the path to use as Playwright ExecutablePath on stdout: "CHROMIUM_PATH=/usr/lib/chromium/chromium"
# (test.sh exports it as CHROMIUM_PATH for the browser tests). Progress goes to stderr.
# Launch flags the tests should use as well (root needs --no-sandbox; the background-networking
# flags stop chromium from trying to reach Google, which this network refuses):
#   --headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking
#   --disable-component-update --disable-sync --no-first-run
set -euo pipefail
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo -E"
t0=$(date +%s.%N)
if [ ! -x /usr/lib/chromium/chromium ]; then
  echo "[browser-up] installing chromium ..." >&2
  echo 'man-db man-db/auto-update boolean false' | $SUDO debconf-set-selections || true
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null \
    || { $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null; }
fi
# /usr/bin/chromium is a sh wrapper (adds flags from /etc/chromium.d, prints a harmless
# "[: ...: unexpected operator" from its /dev/shm check); the real ELF is /usr/lib/chromium/chromium.
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/lib/chromium/chromium}
prof=$(mktemp -d)
out=$(timeout 60 "$CHROMIUM_PATH" --headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$prof" \
  --dump-dom 'data:text/html,<p id=x>chromium-ok</p>' 2>/dev/null) || true   # judged by the output below
rm -rf "$prof"
grep -q chromium-ok <<<"$out" || { echo "[browser-up] chromium smoke test FAILED" >&2; exit 1; }
echo "[browser-up] $("$CHROMIUM_PATH" --version 2>/dev/null) OK in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N)-$t0}")s; CHROMIUM_PATH=$CHROMIUM_PATH" >&2
echo "CHROMIUM_PATH=$CHROMIUM_PATH"
