#!/usr/bin/env bash
# run.sh - build Mailroom the way a deployment does (dotnet publish) and start it in Production.
#
#   ./run.sh                          http://127.0.0.1:5080, data in ./data (database, blobs, keys)
#   ./run.sh --port 8080              other port; or MAILROOM_PORT=8080 ./run.sh
#   ./run.sh --demo                   also starts a local Dovecot (IMAP) + Postfix (SMTP) with demo
#                                     mailboxes, people, queues and customer traffic
#   ./run.sh --reset-admin-password   gives the first administrator a new password, prints it, exits
#   ./run.sh [--demo] ARGS...         any other argument is passed to the app unchanged
#                                     (after "--" even --port/--demo are the app's)
#
# Data: ./data of this checkout, or MAILROOM_DATA_DIR=/srv/mailroom ./run.sh (the app's setting
# Mailroom:DataDirectory). Data left by older versions in src/Mailroom.Server/data is moved here.
# The build goes to ./.build/publish (static web assets, Blazor script and appsettings.json included),
# so the app finds everything it needs whatever the working directory.
#
# --demo: scripts/mail-up.sh with MAIL_KEEP=1 (mailboxes survive restarts), state in
# ./data/demo-mail, MAIL_EXTERNAL=sink (mail to outside addresses is caught in
# sink@example.test:sink-pass instead of leaving the machine), IMAP 127.0.0.1:1143 and SMTP
# 127.0.0.1:1025 unless MAILROOM_DEMO_IMAP_PORT / MAILROOM_DEMO_SMTP_PORT say otherwise.
# MAILROOM_DEMO_MAIL_STATE=DIR uses mail servers that are already running from that state
# directory (the tests' own) instead: nothing is started or stopped then.
# Mail servers need root: as a user, scripts/mail-up.sh re-runs itself through sudo.
set -euo pipefail

R=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$R"

say() { printf '[run.sh] %s\n' "$*" >&2; }

PORT=${MAILROOM_PORT:-5080}
DEMO=0
APP_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port)   [ $# -ge 2 ] || { say "--port needs a number, e.g. ./run.sh --port 8080"; exit 2; }; PORT=$2; shift 2;;
    --port=*) PORT=${1#*=}; shift;;
    --demo)   DEMO=1; shift;;
    --)       shift; APP_ARGS+=("$@"); break;;     # everything after -- goes to the app as is
    *)        APP_ARGS+=("$1"); shift;;
  esac
done
case "$PORT" in ''|*[!0-9]*) say "port must be a number, got '$PORT'"; exit 2;; esac
RESET=0
for a in "${APP_ARGS[@]+"${APP_ARGS[@]}"}"; do [ "$a" = --reset-admin-password ] && RESET=1; done

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ "$RESET" = 0 ] && port_busy "$PORT"; then
  say "port $PORT on 127.0.0.1 is already in use (is Mailroom already running?). Choose another: ./run.sh --port $((PORT + 1))"
  exit 1
fi

# ------------------------------------------------------------------- data ---
DATA=$(realpath -m "${MAILROOM_DATA_DIR:-$R/data}")
mkdir -p "$DATA"
OLD="$R/src/Mailroom.Server/data"
if [ -d "$OLD" ] && [ -n "$(ls -A "$OLD" 2>/dev/null)" ]; then
  if [ -e "$DATA/mailroom.db" ] || [ -d "$DATA/blobs" ]; then
    say "WARNING: older data was found in $OLD and newer data in $DATA."
    say "WARNING: Mailroom uses $DATA. Nothing was moved; compare both and delete $OLD when you are sure."
  else
    say "moving data of an earlier version from $OLD to $DATA ..."
    mv "$OLD"/* "$DATA"/ && rmdir "$OLD"
    say "data moved; Mailroom keeps its data in $DATA from now on"
  fi
fi

# ------------------------------------------------------------------ build ---
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
PUB="$R/.build/publish"
say "building Mailroom into .build/publish (the first build downloads packages and takes 1-3 minutes) ..."
t0=$(date +%s)
if ! dotnet publish src/Mailroom.Server/Mailroom.Server.csproj -c Release -o "$PUB" -v minimal -clp:NoSummary </dev/null >&2; then
  say "the build failed (see the errors above); nothing was started"
  exit 1
fi
say "built in $(( $(date +%s) - t0 )) s; starting ..."

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
export Mailroom__DataDirectory="$DATA"
RUN=(dotnet "$PUB/Mailroom.Server.dll" --urls "http://127.0.0.1:$PORT")
# What the app writes (database, keys that decrypt mailbox passwords, customer mail) is for its own user only.
APP_UMASK=077

if [ "$DEMO" != 1 ]; then
  umask $APP_UMASK
  exec "${RUN[@]}" "${APP_ARGS[@]+"${APP_ARGS[@]}"}"
fi

# ------------------------------------------------------------------ demo ---
if [ -n "${MAILROOM_DEMO_MAIL_STATE:-}" ]; then
  MAIL_STATE=$(realpath "$MAILROOM_DEMO_MAIL_STATE")
  [ -f "$MAIL_STATE/env" ] || { say "MAILROOM_DEMO_MAIL_STATE=$MAIL_STATE has no env file: are its mail servers running?"; exit 1; }
  say "demo on the mail servers already running from $MAIL_STATE"
else
  export MAIL_STATE="$DATA/demo-mail" MAIL_KEEP=1 MAIL_EXTERNAL=sink
  export IMAP_PORT=${MAILROOM_DEMO_IMAP_PORT:-1143} SMTP_PORT=${MAILROOM_DEMO_SMTP_PORT:-1025}
  stop_mail() { MAIL_STATE="$MAIL_STATE" "$R/scripts/mail-down.sh" </dev/null || true; }
  trap stop_mail EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  say "starting the demo's Dovecot (IMAP $IMAP_PORT) and Postfix (SMTP $SMTP_PORT) ..."
  "$R/scripts/mail-up.sh" </dev/null
fi
# shellcheck disable=SC1091
. "$MAIL_STATE/env"
export MAILROOM_DEMO_IMAP_PORT="$MAIL_IMAP_PORT" MAILROOM_DEMO_SMTP_PORT="$MAIL_SMTP_PORT" \
       MAILROOM_DEMO_MAIL_USERS="$MAIL_USERS"

umask $APP_UMASK
if [ -n "${MAILROOM_DEMO_MAIL_STATE:-}" ]; then
  exec "${RUN[@]}" --demo "${APP_ARGS[@]+"${APP_ARGS[@]}"}"
fi
# not exec: the EXIT trap has to stop the mail servers after the app is gone
"${RUN[@]}" --demo "${APP_ARGS[@]+"${APP_ARGS[@]}"}"
