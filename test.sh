#!/usr/bin/env bash
# test.sh - the one command that runs every Mailroom test (CI runs it through .ci/run).
#
#   ./test.sh                          format check, mail + PostgreSQL + chromium up, dotnet test, all down
#   ./test.sh --filter "FullyQualifiedName~Imap"    extra arguments go to `dotnet test` unchanged
#   ./test.sh --fast                   the fast suite: every Core test that needs no server (the ones without
#                                      [NeedsServer]); no root, no installs, no servers, no format check -
#                                      the SDK is all it needs. Extra arguments go to `dotnet test` as above.
#
# Ports, all on 127.0.0.1: IMAP 3143, SMTP 2525, PostgreSQL 55432, Redis 56379. To run two checkouts side
# by side give one of them an offset, which is added to every port:
#   MAILROOM_PORT_OFFSET=100 ./test.sh      -> IMAP 3243, SMTP 2625, PostgreSQL 55532, Redis 56479
# (IMAP_PORT / SMTP_PORT / PG_PORT still force a single port, if ever needed.)
#
# Other knobs: MAILROOM_SKIP_FORMAT=1 skips the `dotnet format` check (local iteration only);
# MAILROOM_KEEP_STATE=1 keeps the temp state dir (mailboxes, logs) after the run; MAIL_TLS=1 also
# starts STARTTLS/IMAPS/SMTPS with a self-signed cert (see MAILROOM_TEST_*S_PORT below);
# MAILROOM_TEST_HANG_TIMEOUT=15m (default) kills a hanging test host and names the test, 0 = off.
#
# What the tests get (exported; a test that needs a server fails with "run ./test.sh" when its
# variable is unset, so it can never pass without the real server):
#   MAILROOM_TEST_IMAP_PORT    IMAP port on 127.0.0.1 (plain; LOGIN/AUTH PLAIN without TLS allowed)
#   MAILROOM_TEST_SMTP_PORT    SMTP port on 127.0.0.1 (no AUTH needed to local domains, AUTH PLAIN/LOGIN
#                              without TLS; mail to any other domain lands in sink@example.test)
#   MAILROOM_TEST_MAIL_USERS   "addr:password ..." of every mailbox: support@, sales@, billing@, sla@, parking@example.test,
#                              customer@, customer2@customer.test (password = local part + "-pass"),
#                              sink@example.test:sink-pass
#   MAILROOM_TEST_MAIL_STATE   state dir of the mail servers (logs in log/, Maildirs in vmail/)
#   MAILROOM_TEST_MAIL_CTL     absolute path of scripts/mail-ctl.sh (stop-dovecot, start-dovecot,
#                              restart-dovecot, stop-postfix, start-postfix, reset, recreate-mailbox,
#                              deliver, status) - finds the servers through MAILROOM_TEST_MAIL_STATE
#   MAILROOM_TEST_OAUTH_PORT   port on 127.0.0.1 where the tests start their OAuth 2.0 / OpenID Connect server
#                              (TestSupport.Web's TestIdentityProvider); Dovecot accepts XOAUTH2/OAUTHBEARER for IMAP
#                              and Postfix submission by introspecting tokens there as client
#                              MAILROOM_TEST_OAUTH_INTROSPECTION_CLIENT ("id:secret")
#   MAILROOM_TEST_PG           Npgsql connection string "Host=127.0.0.1;Port=...;Database=...;Username=...;Password=..."
#                              (the user is superuser of this throwaway cluster: CREATE DATABASE works)
#   MAILROOM_TEST_REDIS        StackExchange.Redis configuration "127.0.0.1:PORT" (SignalR backplane of several nodes)
#   MAILROOM_TEST_ARTIFACTS    absolute path of artifacts/ (screenshots etc.); TRX files go to artifacts/test-results
#   CHROMIUM_PATH              chromium binary for Playwright's ExecutablePath
#   with MAIL_TLS=1 also: MAILROOM_TEST_IMAPS_PORT, MAILROOM_TEST_SMTPS_PORT, MAILROOM_TEST_MAIL_TLS_CERT
#
# Works as root or as a user with sudo (the server scripts re-exec through sudo), with no stdin
# (CI=true). Whatever it started is stopped on exit, failure or Ctrl-C; the exit code is
# dotnet test's (or the failing step's). Prints how long each phase took and, as the very last
# line, "tests: N passed, N failed, N skipped" counted from the TRX files.
set -euo pipefail

R=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$R"
SOLUTION=Mailroom.slnx
RESULTS="$R/artifacts/test-results"

say() { printf '[test.sh] %s\n' "$*" >&2; }
now() { date +%s.%N; }
T_START=$(now)
PHASES=()
phase_t0=$T_START
phase_done() {  # phase_done NAME - print and remember how long the phase took
  local d
  d=$(awk "BEGIN{printf \"%.1f\", $(now)-$phase_t0}")
  PHASES+=(" $1 ${d}s ")
  say "$1: ${d}s"
  phase_t0=$(now)
}

# Build servers must not outlive the run (CI) - only for this process tree, other builds are not touched.
export MSBUILDDISABLENODEREUSE=${MSBUILDDISABLENODEREUSE:-1}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# One closing line "tests: N passed, N failed, N skipped" over all test assemblies (TRX counters), kept in
# SUMMARY for the very last line of the run.
SUMMARY=""
summarize_results() {  # summarize_results EXIT_CODE_OF_DOTNET_TEST
  local summary
  shopt -s nullglob
  local trx=("$RESULTS"/*.trx)
  if [ ${#trx[@]} -eq 0 ]; then
    say "no TRX results in $RESULTS (dotnet test exit code $1: build failure? nothing matched --filter?)"
    return
  fi
  summary=$(sed -n 's/.*<Counters \([^>]*\)\/\{0,1\}>.*/\1/p' "${trx[@]}" | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END {
      failed = c["failed"] + c["error"] + c["timeout"] + c["aborted"]
      skipped = c["total"] - c["passed"] - failed; if (skipped < 0) skipped = 0
      printf "tests: %d passed, %d failed, %d skipped\n", c["passed"], failed, skipped
    }')
  if [ "$1" != 0 ] && [[ $summary == *" 0 failed"* ]]; then
    say "dotnet test exit code $1 with no failed test: run aborted (crashed or hanging test host, build error?) - see above"
  fi
  SUMMARY=$summary
}

# ------------------------------------------------------------ fast suite ---
# Nothing but the SDK: the Core tests that need no server, on the embedded SQLite and scripted IMAP/SMTP
# sessions. A test that needs a server and lacks [NeedsServer] fails here with "run ./test.sh", never passes.
if [ "${1:-}" = --fast ]; then
  shift
  rm -rf "$RESULTS"
  mkdir -p "$RESULTS"
  # A --filter of the caller's narrows the fast suite rather than replacing its own filter.
  filter="Category!=NeedsServer"
  args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = --filter ] && [ $# -gt 1 ]; then filter="($filter)&($2)"; shift 2; else args+=("$1"); shift; fi
  done
  say "fast suite: dotnet test tests/Mailroom.Core.Tests -c Release --filter \"$filter\" ${args[*]}"
  set +e
  dotnet test tests/Mailroom.Core.Tests -c Release --filter "$filter" \
    --logger "console;verbosity=minimal" --logger "trx" --results-directory "$RESULTS" "${args[@]}" </dev/null
  rc=$?
  set -e
  phase_done "fast suite"
  summarize_results "$rc"
  say "total $(awk "BEGIN{printf \"%.1f\", $(now)-$T_START}")s"
  [ -z "$SUMMARY" ] || echo "$SUMMARY"
  exit "$rc"
fi

if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  say "not root and no sudo: the mail/PostgreSQL scripts need root (apt-get, daemons under other users)"
  exit 1
fi

# ------------------------------------------------------------------ ports ---
OFF=${MAILROOM_PORT_OFFSET:-0}
case "$OFF" in ''|*[!0-9]*) say "MAILROOM_PORT_OFFSET must be a number, got '$OFF'"; exit 2;; esac
export IMAP_PORT=${IMAP_PORT:-$((3143 + OFF))}
export SMTP_PORT=${SMTP_PORT:-$((2525 + OFF))}
export PG_PORT=${PG_PORT:-$((55432 + OFF))}
export REDIS_PORT=${REDIS_PORT:-$((56379 + OFF))}
export MAIL_TLS=${MAIL_TLS:-0}
export IMAPS_PORT=${IMAPS_PORT:-$((3993 + OFF))}
export SMTPS_PORT=${SMTPS_PORT:-$((4465 + OFF))}
# The tests' own identity provider (an OpenIddict server they start); Dovecot introspects tokens there.
export OAUTH_PORT=${OAUTH_PORT:-$((5680 + OFF))}
OAUTH_INTROSPECTION_CLIENT="dovecot:dovecot-introspection-secret"

# ---------------------------------------------------------- format check ---
# First, so a style slip fails in seconds instead of after the whole suite.
if [ "${MAILROOM_SKIP_FORMAT:-0}" != 1 ]; then
  say "dotnet format --verify-no-changes $SOLUTION ..."
  set +e
  dotnet format "$SOLUTION" --verify-no-changes </dev/null
  frc=$?
  set -e
  if [ "$frc" = 2 ]; then
    say "FORMAT CHECK FAILED: the code is not formatted as .editorconfig wants (files listed above)."
    say "Fix it with:   dotnet format $SOLUTION     (then review and commit the changes)"
    exit 1
  elif [ "$frc" != 0 ]; then
    say "dotnet format could not check $SOLUTION (exit code $frc, see above) - does it restore and load?"
    exit "$frc"
  fi
  phase_done "format check"
fi

# ------------------------------------------- leftovers of killed runs ---
# A run killed with SIGKILL can't clean up; its servers would still hold the ports. Each run
# records its PID in $STATE/owner: a state dir whose owner is gone is stopped and removed here.
# (Another checkout's *running* test.sh has a live owner and is left alone.)
TMPBASE=${TMPDIR:-/tmp}
for d in "$TMPBASE"/mailroom-test.*; do
  [ -f "$d/owner" ] || continue
  owner=$(tr -dc '0-9' < "$d/owner")
  if [ -n "$owner" ] && [ -d "/proc/$owner" ]; then continue; fi   # (kill -0 fails on root's PIDs for a user)
  say "cleaning up after an earlier, killed run: $d"
  MAIL_STATE="$d/mail" "$R/scripts/mail-down.sh" --purge </dev/null >/dev/null 2>&1 || true
  PG_STATE="$d/pg" "$R/scripts/pg-down.sh" --purge </dev/null >/dev/null 2>&1 || true
  REDIS_STATE="$d/redis" "$R/scripts/redis-down.sh" --purge </dev/null >/dev/null 2>&1 || true
  rm -rf "$d" 2>/dev/null || true
done

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports="$IMAP_PORT $SMTP_PORT $PG_PORT $REDIS_PORT $OAUTH_PORT"
[ "$MAIL_TLS" = 1 ] && ports="$ports $IMAPS_PORT $SMTPS_PORT"
for p in $ports; do
  if port_busy "$p"; then
    say "port $p on 127.0.0.1 is already in use (another checkout running its tests? the demo?)."
    say "Run with other ports, e.g.:  MAILROOM_PORT_OFFSET=100 ./test.sh"
    exit 1
  fi
done

# ------------------------------------------------------------ state dir ---
rm -rf "$RESULTS"            # this run's TRX files and server logs only
mkdir -p "$RESULTS"
STATE=$(mktemp -d "$TMPBASE/mailroom-test.XXXXXX")
chmod 755 "$STATE"          # the daemons' users (vmail, postgres) must be able to traverse it
echo $$ > "$STATE/owner"
export MAIL_STATE="$STATE/mail" PG_STATE="$STATE/pg" REDIS_STATE="$STATE/redis"

CLEANED=0
cleanup() {
  local rc=$?
  [ "$CLEANED" = 1 ] && return 0
  CLEANED=1
  set +e
  phase_t0=$(now)
  # keep the server logs next to the TRX files, they explain most integration failures
  if [ -d "$STATE" ]; then
    mkdir -p "$RESULTS/server-logs" 2>/dev/null
    cp "$MAIL_STATE"/log/*.log "$PG_STATE"/log/*.log "$REDIS_STATE"/*.log "$RESULTS/server-logs/" 2>/dev/null
  fi
  if [ "${MAILROOM_KEEP_STATE:-0}" = 1 ]; then
    "$R/scripts/mail-down.sh" </dev/null 2>/dev/null
    "$R/scripts/pg-down.sh" </dev/null 2>/dev/null
    "$R/scripts/redis-down.sh" </dev/null 2>/dev/null
    rm -f "$STATE/owner"
    say "state kept in $STATE (servers stopped)"
  else
    "$R/scripts/mail-down.sh" --purge </dev/null 2>/dev/null
    "$R/scripts/pg-down.sh" --purge </dev/null 2>/dev/null
    "$R/scripts/redis-down.sh" --purge </dev/null 2>/dev/null
    rm -rf "$STATE"
  fi
  phase_done "teardown"
  local IFS='|'
  say "phases: ${PHASES[*]} | total $(awk "BEGIN{printf \"%.1f\", $(now)-$T_START}")s"
  [ -z "$SUMMARY" ] || echo "$SUMMARY"
  return "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM
trap 'say "hangup"; exit 129' HUP

# ------------------------------------------------------------- servers ---
# Sequential on purpose: on a fresh machine each script apt-get installs its packages, and
# parallel apt-get runs would fight over the dpkg lock. Installed, this takes ~3 s.
say "mail: Dovecot IMAP 127.0.0.1:$IMAP_PORT + Postfix SMTP 127.0.0.1:$SMTP_PORT ..."
MAIL_OAUTH_INTROSPECT="http://$OAUTH_INTROSPECTION_CLIENT@127.0.0.1:$OAUTH_PORT/connect/introspect" \
  MAIL_EXTERNAL=sink MAIL_KEEP=0 "$R/scripts/mail-up.sh" </dev/null
phase_done "mail up"

say "PostgreSQL 127.0.0.1:$PG_PORT ..."
PG_USER=mailroom PG_PASSWORD=mailroom PG_DB=mailroom_test PG_KEEP=0 "$R/scripts/pg-up.sh" </dev/null
phase_done "postgres up"

say "Redis 127.0.0.1:$REDIS_PORT ..."
"$R/scripts/redis-up.sh" </dev/null
phase_done "redis up"

CHROMIUM_PATH=$("$R/scripts/browser-up.sh" </dev/null | sed -n 's/^CHROMIUM_PATH=//p') \
  || { say "chromium could not be installed or started (scripts/browser-up.sh, see above)"; exit 1; }
[ -n "$CHROMIUM_PATH" ] || { say "browser-up.sh printed no CHROMIUM_PATH"; exit 1; }
phase_done "chromium"

# ------------------------------------------------------- OpenAPI linter ---
# For tests/Mailroom.Server.Tests/OpenApi, which lints /openapi/v1.json (and fails without the linter).
"$R/scripts/openapi-lint-up.sh" </dev/null || { say "the OpenAPI linter could not be installed (scripts/openapi-lint-up.sh, see above)"; exit 1; }
phase_done "openapi linter"

# ------------------------------------------------------------- contract ---
# shellcheck disable=SC1091
. "$MAIL_STATE/env"
# shellcheck disable=SC1091
. "$PG_STATE/env"
# shellcheck disable=SC1091
. "$REDIS_STATE/env"
export MAILROOM_TEST_IMAP_PORT="$MAIL_IMAP_PORT"
export MAILROOM_TEST_SMTP_PORT="$MAIL_SMTP_PORT"
export MAILROOM_TEST_MAIL_USERS="$MAIL_USERS"
export MAILROOM_TEST_MAIL_STATE="$MAIL_STATE"
export MAILROOM_TEST_MAIL_CTL="$R/scripts/mail-ctl.sh"
export MAILROOM_TEST_OAUTH_PORT="$OAUTH_PORT" MAILROOM_TEST_OAUTH_INTROSPECTION_CLIENT="$OAUTH_INTROSPECTION_CLIENT"
export MAILROOM_TEST_PG="$PG_CONN"
export MAILROOM_TEST_REDIS="$REDIS_CONN"
export MAILROOM_TEST_ARTIFACTS="$R/artifacts"
export CHROMIUM_PATH
if [ "$MAIL_TLS" = 1 ]; then
  export MAILROOM_TEST_IMAPS_PORT="$MAIL_IMAPS_PORT" MAILROOM_TEST_SMTPS_PORT="$MAIL_SMTPS_PORT" \
         MAILROOM_TEST_MAIL_TLS_CERT="$MAIL_TLS_CERT"
fi
env | grep -E '^(MAILROOM_TEST_|CHROMIUM_PATH=)' | sort | sed 's/^/[test.sh]   /' >&2

# ----------------------------------------------------------- dotnet test ---
say "dotnet test $SOLUTION -c Release $*"
set +e
# --blame-hang-timeout: a test that hangs is killed (and named in the output) instead of eating
# CI's 90 minutes; MAILROOM_TEST_HANG_TIMEOUT=0 turns that off.
HANG=${MAILROOM_TEST_HANG_TIMEOUT:-15m}
BLAME=()
[ "$HANG" = 0 ] || BLAME=(--blame-hang-timeout "$HANG" --blame-hang-dump-type none)
# Build once, then run the test assemblies one after another (-m:1): they share one Dovecot and
# Postfix, and some tests stop or restart them, which must not hit another assembly mid-test.
dotnet build "$SOLUTION" -c Release </dev/null || { rc=$?; phase_done "build"; say "build failed"; exit "$rc"; }
dotnet test "$SOLUTION" -c Release --no-build -m:1 \
  --logger "console;verbosity=normal" \
  --logger "trx" \
  --results-directory "$RESULTS" \
  "${BLAME[@]}" \
  "$@" </dev/null
rc=$?
set -e
phase_done "dotnet test"

summarize_results "$rc"
exit "$rc"
