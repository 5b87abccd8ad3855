#!/usr/bin/env bash
# redis-down.sh - stop the Redis started by redis-up.sh.  --purge also deletes $REDIS_STATE.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then exec sudo -E bash "$0" "$@"; fi
REDIS_STATE=$(realpath -m "${REDIS_STATE:-${TMPDIR:-/tmp}/mailroom-redis}")
case "$REDIS_STATE" in /|/bin|/boot|/dev|/etc|/home|/lib*|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var) echo "refusing REDIS_STATE=$REDIS_STATE" >&2; exit 1;; esac
if [ -f "$REDIS_STATE/redis.pid" ]; then
  pid=$(tr -dc '0-9' < "$REDIS_STATE/redis.pid")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
fi
[ "${1:-}" = --purge ] && rm -rf "${REDIS_STATE:?}"
echo "[redis-down] stopped${1:+ ($1)}" >&2
