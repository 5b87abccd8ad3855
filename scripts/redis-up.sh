#!/usr/bin/env bash
# redis-up.sh - throwaway Redis (Debian redis-server) on 127.0.0.1:$REDIS_PORT with its own state dir, no
# systemd, not touching the Debian default instance (/etc/redis, port 6379). For the SignalR backplane of
# several Mailroom nodes (Mailroom:Redis) in test.sh and ./run.sh --cluster.
#   REDIS_PORT=56379 REDIS_STATE=${TMPDIR:-/tmp}/mailroom-redis ./redis-up.sh
# Writes $REDIS_STATE/env with REDIS_CONN (StackExchange.Redis configuration string "127.0.0.1:PORT").
set -euo pipefail
if [ "$(id -u)" != 0 ]; then exec sudo -E bash "$0" "$@"; fi

REDIS_STATE=$(realpath -m "${REDIS_STATE:-${TMPDIR:-/tmp}/mailroom-redis}")
case "$REDIS_STATE" in /|/bin|/boot|/dev|/etc|/home|/lib*|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var) echo "refusing REDIS_STATE=$REDIS_STATE" >&2; exit 1;; esac
REDIS_PORT=${REDIS_PORT:-56379}
REDIS_INSTALL=${REDIS_INSTALL:-1}
t0=$(date +%s.%N)
log() { printf '[redis-up] %s\n' "$*" >&2; }

if ! command -v redis-server >/dev/null 2>&1; then
  [ "$REDIS_INSTALL" = 1 ] || { log "redis-server missing and REDIS_INSTALL=0"; exit 1; }
  log "installing redis-server ..."
  # the package's own service must not start on 6379 (no systemd here anyway, but a policy says so)
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server >/dev/null; }
  [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi

# a previous instance of this state dir
if [ -f "$REDIS_STATE/redis.pid" ] && kill -0 "$(cat "$REDIS_STATE/redis.pid")" 2>/dev/null; then
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$REDIS_STATE/redis.pid")" || true
  sleep 0.2
fi
rm -rf "$REDIS_STATE"; mkdir -p "$REDIS_STATE"; chmod 755 "$REDIS_STATE"

# loopback only, no persistence (a backplane keeps nothing), daemonized with a pid file of its own
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes --save '' --appendonly no \
  --dir "$REDIS_STATE" --daemonize yes --pidfile "$REDIS_STATE/redis.pid" --logfile "$REDIS_STATE/redis.log" </dev/null >/dev/null
for _ in $(seq 1 50); do
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
  sleep 0.1
done
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG || { log "redis did not answer:"; tail -n 20 "$REDIS_STATE/redis.log" >&2; exit 1; }

cat > "$REDIS_STATE/env" <<EOT
REDIS_PORT=$REDIS_PORT
REDIS_CONN=127.0.0.1:$REDIS_PORT
EOT
log "Redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') up in $(awk "BEGIN{printf \"%.2f\", $(date +%s.%N)-$t0}")s on 127.0.0.1:$REDIS_PORT (env: $REDIS_STATE/env, log: $REDIS_STATE/redis.log)"
