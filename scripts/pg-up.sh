#!/usr/bin/env bash
# pg-up.sh - throwaway PostgreSQL on 127.0.0.1:$PG_PORT with its own data dir, no systemd,
# not touching the Debian default cluster (/etc/postgresql, port 5432).
# Used by Mailroom's test.sh (MAILROOM_TEST_PG) and for trying the PostgreSQL provider by hand.
#   PG_PORT=55432 PG_STATE=${TMPDIR:-/tmp}/mailroom-pg PG_USER=mailroom PG_PASSWORD=mailroom PG_DB=mailroom ./pg-up.sh
#   PG_KEEP=1 keeps the existing data dir (default: fresh initdb every time, ~1 s)
# Prints / writes $PG_STATE/env with PG_CONN (Npgsql connection string) and DATABASE_URL.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then exec sudo -E bash "$0" "$@"; fi

PG_STATE=$(realpath -m "${PG_STATE:-${TMPDIR:-/tmp}/mailroom-pg}")
case "$PG_STATE" in /|/bin|/boot|/dev|/etc|/home|/lib*|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var) echo "refusing PG_STATE=$PG_STATE" >&2; exit 1;; esac
PG_PORT=${PG_PORT:-55432}
PG_USER=${PG_USER:-mailroom}          # superuser of this throwaway cluster (may CREATE DATABASE)
PG_PASSWORD=${PG_PASSWORD:-mailroom}
PG_DB=${PG_DB:-mailroom}
PG_KEEP=${PG_KEEP:-0}
PG_INSTALL=${PG_INSTALL:-1}    # 1 = apt-get install postgresql if missing
PG_FAST=${PG_FAST:-1}          # 1 = fsync/synchronous_commit/full_page_writes off (tests only!)
t0=$(date +%s.%N)
log() { printf '[pg-up] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- install ---
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  [ "$PG_INSTALL" = 1 ] || { log "postgresql missing and PG_INSTALL=0"; exit 1; }
  log "installing postgresql ..."
  # don't let postgresql-common create + start the default "main" cluster on 5432
  mkdir -p /etc/postgresql-common
  grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf \
    || echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >/dev/null; }
  [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# ------------------------------------------------- stop previous instance ---
DATA="$PG_STATE/data"; RUN="$PG_STATE/run"
if [ -f "$DATA/postmaster.pid" ]; then
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
fi

# ---------------------------------------------------------------- initdb ---
mkdir -p "$PG_STATE"; chmod 755 "$PG_STATE"
if [ "$PG_KEEP" != 1 ] || [ ! -f "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA" "$RUN"
  install -d -o postgres -g postgres -m 700 "$DATA"
  printf '%s\n' "$PG_PASSWORD" > "$PG_STATE/.pw"; chown postgres "$PG_STATE/.pw"; chmod 600 "$PG_STATE/.pw"
  # superuser = $PG_USER with password; local socket = trust, TCP = scram-sha-256
  runuser -u postgres -- "$PGBIN/initdb" -D "$DATA" -U "$PG_USER" --pwfile="$PG_STATE/.pw" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  rm -f "$PG_STATE/.pw"
  fresh=1
else
  fresh=0
fi
install -d -o postgres -g postgres -m 755 "$RUN" "$PG_STATE/log"

opts="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $RUN -c max_connections=200"
[ "$PG_FAST" = 1 ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
# </dev/null + log file: the postmaster must not hold the caller's stdout/stderr open
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -l "$PG_STATE/log/postgres.log" -o "$opts" -w -t 30 start \
  </dev/null >/dev/null 2>&1 || { log "start failed:"; tail -n 30 "$PG_STATE/log/postgres.log" >&2; exit 1; }

if [ "$fresh" = 1 ] && [ "$PG_DB" != postgres ]; then
  "$PGBIN/psql" -h "$RUN" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAt \
    -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\"" >/dev/null
fi

# connection check over TCP with the password (what the app will do)
PGPASSWORD="$PG_PASSWORD" "$PGBIN/psql" "host=127.0.0.1 port=$PG_PORT user=$PG_USER dbname=$PG_DB" \
  -qAtc 'select 1' >/dev/null || { log "psql TCP check failed"; exit 1; }

cat > "$PG_STATE/env" <<EOF
PG_HOST=127.0.0.1
PG_PORT=$PG_PORT
PG_USER=$PG_USER
PG_PASSWORD=$PG_PASSWORD
PG_DB=$PG_DB
PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB;Username=$PG_USER;Password=$PG_PASSWORD"
DATABASE_URL=postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB
EOF
log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') up in $(awk "BEGIN{printf \"%.2f\", $(date +%s.%N)-$t0}")s on 127.0.0.1:$PG_PORT db=$PG_DB user=$PG_USER (env: $PG_STATE/env, log: $PG_STATE/log/postgres.log)"
