#!/usr/bin/env bash
# run.sh - build and start Mailroom (Release) on this machine.
#
#   ./run.sh                    http://127.0.0.1:5080  (the app prints the URL and the admin login)
#   ./run.sh --port 8080        other port; or MAILROOM_PORT=8080 ./run.sh
#   ./run.sh --demo             also starts a local Dovecot (IMAP) + Postfix (SMTP) with demo
#                               mailboxes and passes --demo to the app, which wires them up
#   ./run.sh [--demo] ARGS...   any other argument is passed to the app unchanged
#                               (after "--" even --port/--demo are the app's)
#
# --demo: scripts/mail-up.sh with MAIL_KEEP=1 (mailboxes survive restarts), state in
# ./data/demo-mail, MAIL_EXTERNAL=sink (mail to outside addresses is caught in
# sink@example.test:sink-pass instead of leaving the machine), IMAP 127.0.0.1:1143 and SMTP
# 127.0.0.1:1025 unless MAILROOM_DEMO_IMAP_PORT / MAILROOM_DEMO_SMTP_PORT say otherwise. The app
# gets MAILROOM_DEMO_IMAP_PORT, MAILROOM_DEMO_SMTP_PORT and MAILROOM_DEMO_MAIL_USERS
# ("addr:password ..."). The mail servers are stopped when the app exits (Ctrl-C included).
# Mail servers need root: as a user, scripts/mail-up.sh re-runs itself through sudo.
#
# The app keeps its data in ./data (it creates the directory).
set -euo pipefail

R=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$R"

PORT=${MAILROOM_PORT:-5080}
DEMO=0
APP_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port)   [ $# -ge 2 ] || { echo "run.sh: --port needs a number" >&2; exit 2; }; PORT=$2; shift 2;;
    --port=*) PORT=${1#*=}; shift;;
    --demo)   DEMO=1; shift;;
    --)       shift; APP_ARGS+=("$@"); break;;     # everything after -- goes to the app as is
    *)        APP_ARGS+=("$1"); shift;;
  esac
done
case "$PORT" in ''|*[!0-9]*) echo "run.sh: port must be a number, got '$PORT'" >&2; exit 2;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# --no-launch-profile: a Properties/launchSettings.json must not change URL or environment behind
# our back; --urls on the app's command line wins over ASPNETCORE_URLS anyway.
RUN=(dotnet run --project src/Mailroom.Server -c Release --no-launch-profile -- --urls "http://127.0.0.1:$PORT")

if [ "$DEMO" != 1 ]; then
  exec "${RUN[@]}" "${APP_ARGS[@]}"
fi

# ------------------------------------------------------------------ demo ---
# ./data first, as the calling user: mail-up.sh (root, maybe via sudo) would otherwise create it
# root-owned and the app could not write its database there.
mkdir -p "$R/data"
export MAIL_STATE="$R/data/demo-mail" MAIL_KEEP=1 MAIL_EXTERNAL=sink
export IMAP_PORT=${MAILROOM_DEMO_IMAP_PORT:-1143} SMTP_PORT=${MAILROOM_DEMO_SMTP_PORT:-1025}

stop_mail() { "$R/scripts/mail-down.sh" </dev/null || true; }
trap stop_mail EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

"$R/scripts/mail-up.sh" </dev/null
# shellcheck disable=SC1091
. "$MAIL_STATE/env"
export MAILROOM_DEMO_IMAP_PORT="$MAIL_IMAP_PORT" MAILROOM_DEMO_SMTP_PORT="$MAIL_SMTP_PORT" \
       MAILROOM_DEMO_MAIL_USERS="$MAIL_USERS"

# not exec: the EXIT trap has to stop the mail servers after the app is gone
"${RUN[@]}" --demo "${APP_ARGS[@]}"
