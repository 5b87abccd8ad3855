#!/usr/bin/env bash
# mail-ctl.sh - disturb / drive the running Dovecot + Postfix of mail-up.sh from integration tests.
#
#   mail-ctl.sh stop-dovecot [--kill]   IMAP + LMTP + SASL down (graceful: clients get "* BYE";
#                                       --kill = SIGKILL, like a crash: connections just drop)
#   mail-ctl.sh start-dovecot           returns once IMAP accepts connections; then "postfix flush"
#                                       so mail deferred meanwhile is delivered within ~1 s
#   mail-ctl.sh restart-dovecot         stop-dovecot + start-dovecot (UIDVALIDITY etc. unchanged)
#   mail-ctl.sh stop-postfix            SMTP down (connection refused)
#   mail-ctl.sh start-postfix           returns once SMTP accepts connections
#   mail-ctl.sh reset [user@domain...]  expunge every mailbox of all (or the given) users, drop the Postfix queue
#   mail-ctl.sh recreate-mailbox <user@domain> [mailbox] [--keep-messages]
#                                       mailbox (default INBOX) is thrown away and re-created: new
#                                       UIDVALIDITY (always different), UIDs restart at 1; prints the
#                                       new UIDVALIDITY on stdout. --keep-messages keeps the messages
#                                       (they get new UIDs 1..N), like a server that rebuilt its index.
#   mail-ctl.sh deliver <user@domain> [--mailbox NAME] <file.eml|dir|->...
#                                       put messages straight into a mailbox (no SMTP, no headers
#                                       added, bytes stored as given); a dir means its *.eml files in
#                                       version-sort order (1, 2, 10); '-' = one message from stdin.
#                                       UIDs are assigned in argument order before it returns.
#                                       Pass many files in ONE call: 2,500-13,000 msg/s in bulk, while
#                                       every call costs ~0.15-0.2 s of fixed overhead.
#   mail-ctl.sh submit <from> <to> <file.eml|->
#                                       hand one message to Postfix's local queue (sendmail -> pickup)
#                                       as a peer MTA would: needs neither SMTP nor Dovecot's SASL, so
#                                       mail can arrive while Dovecot is down (delivered once LMTP is back)
#   mail-ctl.sh status                  "dovecot=running|stopped postfix=running|stopped"
#
# Reads the instance from MAIL_STATE (else MAILROOM_TEST_MAIL_STATE, else mail-up.sh's default);
# ports come from $MAIL_STATE/env written by mail-up.sh. Every subcommand is idempotent (stopping a
# stopped daemon is fine) and returns only when the action is complete. Calls are serialized with
# a lock, so parallel tests can't interleave a stop and a start. Progress goes to stderr.
#
# Measured on the 2-core Debian 12 VM (Dovecot 2.3.19, Postfix 3.7), wall clock per call; the
# first number on a quiet machine, the second while two other builds kept both cores busy:
#   stop-dovecot      0.1 / 0.3 s  (TERM to the whole process group; --kill 0.05 s)
#   start-dovecot     0.15 / 0.35 s (incl. postfix flush)
#   restart-dovecot   0.25 / 0.7 s
#   stop-postfix      0.05 / 0.3 s
#   start-postfix     0.1 / 0.4 s
#   reset             0.1 / 0.6 s  (7 users, one doveadm each in parallel; 10,000 messages included)
#   recreate-mailbox  0.2 / 0.5 s
#   deliver           0.15 / 0.2 s for one message; 10,000 messages of 4 KB: 0.75 s / 3-4.3 s
#                     = ~13,000 / ~2,500-3,200 msg/s (doveadm save or dovecot-lda per message: 30-45 msg/s)
#   status            0.05 s
#
# Behaviour seen by IMAP clients (Dovecot 2.3.19):
#   stop-dovecot       "* BYE Server shutting down." then the connection closes (--kill: just closes)
#   recreate-mailbox   a client with the mailbox selected is told nothing while it IDLEs; its next
#                      command gets "* BYE IMAP session state is inconsistent, please relogin."
#                      After re-login, SELECT shows the new UIDVALIDITY.
#   deliver            an IDLEing client gets "* N EXISTS" (Dovecot watches the Maildir with inotify)
#   while dovecot is stopped, SMTP still accepts mail to local users (it waits in Postfix's queue)
#   but SMTP AUTH fails (Postfix asks Dovecot to check passwords); reset, recreate-mailbox and
#   deliver refuse to run (doveadm needs Dovecot's auth service) - start-dovecot first.
set -euo pipefail

# Root is needed (daemons run as root/vmail/postfix, state is root-owned). -n: never prompt for a
# password - a test process has nobody to answer it; configure passwordless sudo or run as root.
if [ "$(id -u)" != 0 ]; then exec sudo -n -E bash "$0" "$@"; fi

MAIL_STATE=$(realpath -m "${MAIL_STATE:-${MAILROOM_TEST_MAIL_STATE:-${TMPDIR:-/tmp}/mailroom-mail}}")
case "$MAIL_STATE" in /|/bin|/boot|/dev|/etc|/home|/lib*|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var) echo "refusing MAIL_STATE=$MAIL_STATE" >&2; exit 1;; esac

log() { printf '[mail-ctl] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
usage() { sed -n '3,/^# Reads/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

[ $# -ge 1 ] || usage
cmd=$1; shift

[ -f "$MAIL_STATE/env" ] || die "no $MAIL_STATE/env - start the servers with mail-up.sh first (MAIL_STATE=$MAIL_STATE)"
# shellcheck disable=SC1091
. "$MAIL_STATE/env"        # MAIL_IMAP_PORT, MAIL_SMTP_PORT, MAIL_TLS, MAIL_IMAPS_PORT, MAIL_SMTPS_PORT, MAIL_USERS
D_CONF="$MAIL_STATE/etc/dovecot.conf"
P_CONF="$MAIL_STATE/postfix"
D_PIDF="$MAIL_STATE/run/dovecot/master.pid"
P_PIDF="$MAIL_STATE/spool/pid/master.pid"
DOVEADM=(doveadm -c "$D_CONF")

# One mail-ctl at a time per instance (parallel xunit collections may call us concurrently).
exec 9>"$MAIL_STATE/.mail-ctl.lock"
flock 9

t0=$(date +%s.%N)
elapsed() { awk "BEGIN{printf \"%.2f\", $(date +%s.%N)-$t0}"; }

# ------------------------------------------------------------- helpers ---
# "alive" = exists and is not a zombie. Daemonized masters are re-parented to PID 1, and on this
# VM (and in many containers) PID 1 reaps zombies only every ~1.5 s, so `kill -0` would report a
# dead master as running for that long. Reads /proc directly (no procps needed).
alive() {
  local st
  [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] || return 1
  read -r st < "/proc/$1/stat" 2>/dev/null || return 1
  st=${st##*) }
  [ "${st:0:1}" != Z ]
}
master_pid() { local pid=""; [ -f "$1" ] && pid=$(tr -dc '0-9' < "$1" 2>/dev/null || true); echo "$pid"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port_open() {
  for _ in $(seq 1 200); do port_open "$1" && return 0; sleep 0.025; done
  return 1
}
wait_port_closed() {
  for _ in $(seq 1 200); do port_open "$1" || return 0; sleep 0.025; done
  return 1
}
# stop_master PIDFILE TERM|KILL: signal the master's whole process group (both masters are
# group leaders), wait <=10 s until the master is gone (zombie counts as gone), then SIGKILL
# whatever is left of the group. TERM to the group, not only to the master: Dovecot's master
# alone takes ~1.1 s to exit and leaves logged-in imap processes running (their connections
# stay open until it SIGKILLs them), while TERM to every process ends it all in ~0.1 s and each
# imap process says "* BYE Server shutting down." first.
stop_master() {
  local pidf=$1 sig=$2 pid
  pid=$(master_pid "$pidf")
  if alive "$pid"; then
    kill "-$sig" -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 400); do alive "$pid" || break; sleep 0.025; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidf"
}
dovecot_running() { alive "$(master_pid "$D_PIDF")"; }
postfix_running() { alive "$(master_pid "$P_PIDF")"; }

dovecot_ports() { echo "$MAIL_IMAP_PORT"; [ "${MAIL_TLS:-0}" != 1 ] || echo "$MAIL_IMAPS_PORT"; }
postfix_ports() { echo "$MAIL_SMTP_PORT"; [ "${MAIL_TLS:-0}" != 1 ] || echo "$MAIL_SMTPS_PORT"; }

stop_dovecot() {
  local sig=TERM p
  [ "${1:-}" = --kill ] && sig=KILL
  stop_master "$D_PIDF" "$sig"
  for p in $(dovecot_ports); do wait_port_closed "$p" || die "IMAP port $p still open after stopping dovecot (another server on it?)"; done
}
start_dovecot() {
  local p
  if ! dovecot_running; then
    rm -f "$D_PIDF"
    # never hand our stdout/stderr to the daemon: Dovecot keeps fd 2 open forever and a caller
    # that reads our output to EOF (a test's Process.StandardError) would hang
    # (9>&-: nor our lock fd, or the next mail-ctl call would wait for the daemon to exit)
    /usr/sbin/dovecot -c "$D_CONF" </dev/null >>"$MAIL_STATE/log/dovecot-start.log" 2>&1 9>&- || {
      tail -n 20 "$MAIL_STATE/log/dovecot-start.log" "$MAIL_STATE/log/dovecot.log" >&2; die "dovecot failed to start"; }
  fi
  for p in $(dovecot_ports); do wait_port_open "$p" || die "IMAP port $p did not open"; done
  for _ in $(seq 1 200); do [ -S "$MAIL_STATE/run/dovecot/lmtp" ] && break; sleep 0.025; done
  # mail that arrived over SMTP while Dovecot was down sits deferred in Postfix's queue
  if postfix_running; then /usr/sbin/postqueue -c "$P_CONF" -f </dev/null >/dev/null 2>&1 || true; fi
}
stop_postfix() {
  local p
  stop_master "$P_PIDF" TERM
  for p in $(postfix_ports); do wait_port_closed "$p" || die "SMTP port $p still open after stopping postfix (another server on it?)"; done
}
start_postfix() {
  local p
  if ! postfix_running; then
    # skip "postfix start"'s 1-3 s integrity check: the queue dirs were created by mail-up.sh
    touch "$MAIL_STATE/spool/quick-start"
    /usr/sbin/postfix -c "$P_CONF" start </dev/null >>"$MAIL_STATE/log/postfix-start.log" 2>&1 9>&- || {
      tail -n 20 "$MAIL_STATE/log/postfix-start.log" "$MAIL_STATE/log/postfix.log" >&2; die "postfix failed to start"; }
  fi
  for p in $(postfix_ports); do wait_port_open "$p" || die "SMTP port $p did not open"; done
}

# doveadm looks users up through Dovecot's auth service, so mailbox work needs Dovecot running.
need_dovecot() { dovecot_running || die "dovecot is stopped - run 'mail-ctl.sh start-dovecot' before '$cmd'"; }
all_users() { local up; for up in $MAIL_USERS; do echo "${up%%:*}"; done; }
check_user() {
  local u
  for u in $(all_users); do [ "$u" = "${1,,}" ] && return 0; done
  die "unknown user '$1' (configured: $(all_users | tr '\n' ' '))"
}
# make sure the mailbox exists (creates the Maildir of a never-used account, too)
ensure_mailbox() {
  "${DOVEADM[@]}" mailbox status -u "$1" uidvalidity "$2" >/dev/null 2>&1 && return 0
  "${DOVEADM[@]}" mailbox create -s -u "$1" "$2" >/dev/null 2>&1 || true
  "${DOVEADM[@]}" mailbox status -u "$1" uidvalidity "$2" >/dev/null || die "cannot create mailbox '$2' of $1"
}
uidvalidity() { "${DOVEADM[@]}" mailbox status -u "$1" uidvalidity "$2" | sed -n 's/.*uidvalidity=\([0-9]*\).*/\1/p'; }

# ------------------------------------------------------------ commands ---
case "$cmd" in
  stop-dovecot)    stop_dovecot "${1:-}" ;;
  start-dovecot)   start_dovecot ;;
  restart-dovecot) stop_dovecot "${1:-}"; start_dovecot ;;
  stop-postfix)    stop_postfix ;;
  start-postfix)   start_postfix ;;

  reset)
    need_dovecot
    users=("$@")
    [ ${#users[@]} -gt 0 ] || mapfile -t users < <(all_users)
    pids=()
    # one doveadm per user, in parallel (~30 ms each, mostly process start-up)
    for u in "${users[@]}"; do
      check_user "$u"
      "${DOVEADM[@]}" expunge -u "$u" mailbox '*' all & pids+=("$!")
    done
    for p in "${pids[@]}"; do wait "$p" || die "expunge failed"; done
    # queued/deferred mail (e.g. sent while dovecot was stopped) must not show up later
    /usr/sbin/postsuper -c "$P_CONF" -d ALL </dev/null >/dev/null 2>&1 || true
    ;;

  recreate-mailbox)
    need_dovecot
    keep=0; args=()
    for a in "$@"; do case "$a" in --keep-messages) keep=1;; *) args+=("$a");; esac; done
    [ ${#args[@]} -ge 1 ] && [ ${#args[@]} -le 2 ] || usage
    user=${args[0],,}; mbox=${args[1]:-INBOX}
    check_user "$user"
    ensure_mailbox "$user" "$mbox"
    old=$(uidvalidity "$user" "$mbox")
    dir=$("${DOVEADM[@]}" mailbox path -u "$user" "$mbox")
    idx=$("${DOVEADM[@]}" mailbox path -u "$user" -t index "$mbox")
    [ -d "$dir/cur" ] || die "unexpected layout: $dir/cur missing"
    # Maildir: the UID<->file map (dovecot-uidlist) and the index hold UIDVALIDITY, UIDs and the
    # mailbox GUID; without them Dovecot treats the folder as new and assigns the next value of the
    # per-user dovecot-uidvalidity counter (strictly increasing, so it changes even within the
    # same second). Works for INBOX too, which "doveadm mailbox delete" refuses (it even expunges
    # INBOX before refusing). Clients with the mailbox selected notice on their next command/IDLE.
    rm -f "$dir/dovecot-uidlist" "$dir/dovecot-uidlist.lock" "$dir/dovecot-keywords" \
          "$idx"/dovecot.index "$idx"/dovecot.index.log "$idx"/dovecot.index.log.2 "$idx"/dovecot.index.cache
    if [ "$keep" = 0 ]; then
      find "$dir/cur" "$dir/new" "$dir/tmp" -mindepth 1 -maxdepth 1 -type f -delete
    fi
    new=$(uidvalidity "$user" "$mbox")
    [ -n "$new" ] && [ "$new" != "$old" ] || die "UIDVALIDITY did not change ($old -> $new)"
    log "$user $mbox: UIDVALIDITY $old -> $new$([ "$keep" = 1 ] && echo ' (messages kept, renumbered)')"
    echo "$new"
    ;;

  deliver)
    [ $# -ge 2 ] || usage
    user=${1,,}; shift
    mbox=INBOX; files=()
    tmpd=$(mktemp -d); trap 'rm -rf "$tmpd"' EXIT
    while [ $# -gt 0 ]; do
      case "$1" in
        --mailbox) [ $# -ge 2 ] || usage; mbox=$2; shift 2; continue;;
        --mailbox=*) mbox=${1#*=};;
        -) cat > "$tmpd/stdin.eml"; files+=("$tmpd/stdin.eml");;
        *) if [ -d "$1" ]; then
             mapfile -t more < <(find "$1" -maxdepth 1 -type f -name '*.eml' | sort -V)
             files+=("${more[@]}")
           elif [ -f "$1" ]; then files+=("$1")
           else die "no such file or directory: $1"
           fi;;
      esac
      shift
    done
    [ ${#files[@]} -gt 0 ] || die "nothing to deliver"
    need_dovecot
    check_user "$user"
    ensure_mailbox "$user" "$mbox"
    dir=$("${DOVEADM[@]}" mailbox path -u "$user" "$mbox")
    [ -d "$dir/new" ] && [ -d "$dir/tmp" ] || die "unexpected layout: $dir/new missing"
    printf '%s\0' "${files[@]}" > "$tmpd/list"
    # Standard Maildir delivery (write to tmp/, rename into new/), done by one perl process
    # (perl-base is Essential on Debian/Ubuntu) instead of one doveadm/dovecot-lda per message.
    # Names "<time>.M<n>P<pid>Q<n>.mailctl": Dovecot assigns UIDs to new files in filename order,
    # so UIDs follow the argument order.
    perl -e '
      use strict; use warnings;
      my ($list, $dir, $uid, $gid) = @ARGV;
      open(my $l, "<", $list) or die "$list: $!"; local $/ = "\0"; my @files = <$l>; close $l; chomp @files;
      umask 077; my $t = time; my $n = 0;
      for my $f (@files) {
        $n++;
        open(my $in, "<:raw", $f) or die "$f: $!"; my $data = do { local $/; <$in> }; close $in;
        my $name = sprintf("%d.M%06dP%dQ%d.mailctl", $t, $n, $$, $n);
        open(my $out, ">:raw", "$dir/tmp/$name") or die "$dir/tmp/$name: $!";
        print $out $data; close $out or die "$name: $!";
        chown $uid, $gid, "$dir/tmp/$name";
        rename("$dir/tmp/$name", "$dir/new/$name") or die "rename $name: $!";
      }' "$tmpd/list" "$dir" "$(id -u vmail)" "$(id -g vmail)"
    # let Dovecot pick them up now (assign UIDs, update the index) instead of at the next login
    "${DOVEADM[@]}" mailbox status -u "$user" "messages uidnext" "$mbox" >/dev/null
    log "delivered ${#files[@]} message(s) to $user/$mbox"
    ;;

  submit)
    [ $# -eq 3 ] || usage
    from=$1; to=${2,,}; file=$3
    check_user "$to"
    if [ "$file" = - ]; then file=/dev/stdin; elif [ ! -f "$file" ]; then die "no such file: $file"; fi
    /usr/sbin/sendmail -C "$P_CONF" -i -f "$from" -- "$to" < "$file" || die "sendmail refused the message"
    log "queued one message from $from to $to"
    ;;

  status)
    echo "dovecot=$(dovecot_running && echo running || echo stopped) postfix=$(postfix_running && echo running || echo stopped)"
    ;;

  -h|--help|help) usage ;;
  *) log "unknown subcommand '$cmd'"; usage ;;
esac
log "$cmd done in $(elapsed)s"
