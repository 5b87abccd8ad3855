#!/usr/bin/env bash
# mail-down.sh - stop the Dovecot + Postfix instance started by mail-up.sh.
#   mail-down.sh          stop daemons, keep $MAIL_STATE (mailboxes, logs)
#   mail-down.sh --purge  stop daemons and delete $MAIL_STATE
# Same MAIL_STATE as mail-up.sh (default ${TMPDIR:-/tmp}/mailroom-mail). ~0.1 s.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then exec sudo -E bash "$0" "$@"; fi
MAIL_STATE=$(realpath -m "${MAIL_STATE:-${TMPDIR:-/tmp}/mailroom-mail}")   # must be absolute
case "$MAIL_STATE" in /|/bin|/boot|/dev|/etc|/home|/lib*|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var) echo "refusing MAIL_STATE=$MAIL_STATE" >&2; exit 1;; esac
t0=$(date +%s.%N)
# "alive" = exists and is not a zombie. The daemonized masters are re-parented to PID 1, and on
# this VM (and in many containers) PID 1 reaps zombies only every ~1.5 s, so `kill -0` would
# report a dead master as running for that long. Reads /proc directly (no procps needed).
alive() {
  local st
  [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] || return 1
  read -r st < "/proc/$1/stat" 2>/dev/null || return 1
  st=${st##*) }
  [ "${st:0:1}" != Z ]
}
# TERM the dovecot + postfix process groups (both masters are group leaders) in parallel, wait
# <=10 s, then KILL what is left of the groups. TERM to the whole group, not only the master:
# Dovecot's master alone needs ~1.1 s to exit and leaves logged-in imap processes behind, while
# TERM to every process ends it all in ~0.1 s (clients get "* BYE Server shutting down.").
stop_all() {
  local pids="" pid f
  for f in "$MAIL_STATE/run/dovecot/master.pid" "$MAIL_STATE/spool/pid/master.pid"; do
    [ -f "$f" ] || continue
    pid=$(tr -dc '0-9' < "$f" 2>/dev/null || true)
    if alive "$pid"; then kill -TERM -- "-$pid" 2>/dev/null || true; pids="$pids $pid"; fi
    rm -f "$f"   # a zombie master's pid file would make "dovecot" refuse to start
  done
  for pid in $pids; do
    for _ in $(seq 1 400); do alive "$pid" || break; sleep 0.025; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  return 0
}
stop_all
if [ "${1:-}" = --purge ]; then rm -rf "${MAIL_STATE:?}"; fi
echo "[mail-down] stopped in $(awk "BEGIN{printf \"%.2f\", $(date +%s.%N)-$t0}")s${1:+ ($1)}" >&2
