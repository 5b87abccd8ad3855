#!/usr/bin/env bash
# mail-up.sh - throwaway IMAP + SMTP server on 127.0.0.1 for Mailroom's end-to-end tests
# (test.sh) and the local demo (run.sh --demo).
#
#   Dovecot 2.3 (IMAP + LMTP + SASL)  <--LMTP unix socket--  Postfix 3.x (SMTP)
#
# * No systemd / init system needed: plain daemons, started and stopped here.
# * Everything (config, sockets, queue, mailboxes, logs) lives under $MAIL_STATE.
#   The system-wide /etc/dovecot and /etc/postfix configs are NOT used.
# * Listens on 127.0.0.1 only; nothing is ever relayed off the machine
#   (non-local recipients are rejected at RCPT time, or captured in a sink mailbox).
# * Plain-text AUTH (PLAIN/LOGIN) and IMAP LOGIN allowed without TLS.
#   MAIL_TLS=1 additionally enables STARTTLS + implicit-TLS ports with a self-signed cert.
# * Restartable / idempotent: re-running stops the previous instance first.
#
# Needs root (re-execs itself through sudo if available). Verified on Debian 12 (Dovecot 2.3.19,
# Postfix 3.7.11). Ubuntu 22.04/24.04 ship Dovecot 2.3 + Postfix >= 3.6 and should work (untested).
# Dovecot 2.4 (Debian 13) uses an incompatible config syntax -> refused below.
#
# Env knobs (all optional):
#   MAIL_STATE=${TMPDIR:-/tmp}/mailroom-mail   everything lives here (absolute or relative path)
#   IMAP_PORT=3143 SMTP_PORT=2525              plain IMAP / SMTP (AUTH PLAIN/LOGIN without TLS is allowed)
#   MAIL_TLS=0|1  IMAPS_PORT=3993 SMTPS_PORT=4465   1 = STARTTLS on both + implicit-TLS ports, self-signed cert
#   MAIL_USERS="addr:pass ..."                 mailboxes to create (default: see below)
#   MAIL_EXTERNAL=reject|sink                  non-local recipients: 554 at RCPT, or delivered to
#                                              MAIL_SINK (sink@example.test, password MAIL_SINK_PASS=sink-pass)
#   MAIL_KEEP=0|1                              1 = keep mailboxes/queue of the previous run
#   MAIL_INSTALL=1|0                           1 = apt-get install the packages if missing
#   MAIL_OAUTH_INTROSPECT=http://id:secret@127.0.0.1:PORT/path   OAuth mode: IMAP and (through Dovecot SASL)
#                                              SMTP also accept XOAUTH2 and OAUTHBEARER, each token checked by an
#                                              RFC 7662 introspection POST to this URL (client id:secret as Basic
#                                              auth); the token's "sub" must be the mailbox address. Passwords
#                                              keep working. Empty (default) = password mode only.
# Writes $MAIL_STATE/env (source it with `set -a; . file; set +a`).
# Companions: mail-down.sh (stop, --purge), mail-reset.sh (empty mailboxes), mail-ctl.sh (disturb at run time).
set -euo pipefail

if [ "$(id -u)" != 0 ]; then exec sudo -E bash "$0" "$@"; fi

MAIL_STATE=$(realpath -m "${MAIL_STATE:-${TMPDIR:-/tmp}/mailroom-mail}")   # must be absolute
case "$MAIL_STATE" in /|/bin|/boot|/dev|/etc|/home|/lib*|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var) echo "refusing MAIL_STATE=$MAIL_STATE" >&2; exit 1;; esac
IMAP_PORT=${IMAP_PORT:-3143}
SMTP_PORT=${SMTP_PORT:-2525}
MAIL_TLS=${MAIL_TLS:-0}              # 1 = also STARTTLS on both ports + IMAPS/SMTPS below
IMAPS_PORT=${IMAPS_PORT:-3993}
SMTPS_PORT=${SMTPS_PORT:-4465}
# space separated list of address:password (no ':' or whitespace in passwords)
MAIL_USERS=${MAIL_USERS:-"support@example.test:support-pass sales@example.test:sales-pass billing@example.test:billing-pass sla@example.test:sla-pass parking@example.test:parking-pass customer@customer.test:customer-pass customer2@customer.test:customer2-pass"}
MAIL_EXTERNAL=${MAIL_EXTERNAL:-reject}   # reject = 554 at RCPT for non-local domains
                                         # sink   = deliver every non-local recipient to $MAIL_SINK
MAIL_SINK=${MAIL_SINK:-sink@example.test}
MAIL_SINK_PASS=${MAIL_SINK_PASS:-sink-pass}
MAIL_KEEP=${MAIL_KEEP:-0}            # 1 = keep mailboxes/queue from the previous run
MAIL_INSTALL=${MAIL_INSTALL:-1}      # 1 = apt-get install the packages if missing
MAIL_OAUTH_INTROSPECT=${MAIL_OAUTH_INTROSPECT:-}   # non-empty = OAuth mode (see above)

log() { printf '[mail-up] %s\n' "$*" >&2; }
t0=$(date +%s.%N)

# ---------------------------------------------------------------- install ---
need_install=0
command -v dovecot >/dev/null 2>&1 || need_install=1
[ -x /usr/lib/dovecot/lmtp ] || need_install=1
[ -x /usr/sbin/postfix ] || need_install=1
if [ "$need_install" = 1 ]; then
  [ "$MAIL_INSTALL" = 1 ] || { log "dovecot/postfix missing and MAIL_INSTALL=0"; exit 1; }
  log "installing dovecot-imapd dovecot-lmtpd postfix ..."
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  echo "man-db man-db/auto-update boolean false" | debconf-set-selections   # saves ~3 s of triggers
  # keep the package postinst scripts from starting the *system* daemons on 25/143/993
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends dovecot-imapd dovecot-lmtpd postfix >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends dovecot-imapd dovecot-lmtpd postfix >/dev/null; }
  [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  log "install done after $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N)-$t0}")s"
fi

case "$(dovecot --version 2>/dev/null)" in
  2.3.*) ;;
  *) log "this recipe's dovecot.conf is Dovecot 2.3 syntax (Debian 12, Ubuntu 22.04/24.04);"
     log "found '$(dovecot --version 2>/dev/null)' - Dovecot 2.4 (Debian 13) needs a rewritten config"; exit 1;;
esac

# ------------------------------------------------- stop previous instance ---
D_CONF="$MAIL_STATE/etc/dovecot.conf"
P_CONF="$MAIL_STATE/postfix"
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

# A port still answering now belongs to someone else (another checkout's test run, the demo,
# a system daemon). Fail clearly: Postfix binds *after* daemonizing, so its "start" would
# succeed and wait_port below would happily talk to the other server.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
busy=""
for p in "$IMAP_PORT" "$SMTP_PORT"; do port_busy "$p" && busy="$busy $p"; done
if [ "$MAIL_TLS" = 1 ]; then for p in "$IMAPS_PORT" "$SMTPS_PORT"; do port_busy "$p" && busy="$busy $p"; done; fi
if [ -n "$busy" ]; then
  log "port(s)$busy on 127.0.0.1 already in use by another process - choose other ports (IMAP_PORT/SMTP_PORT/...)"
  exit 1
fi

# ------------------------------------------------------------ layout/users ---
getent group vmail >/dev/null || groupadd --system vmail
getent passwd vmail >/dev/null || useradd --system -g vmail -d /nonexistent -s /usr/sbin/nologin vmail
VUID=$(id -u vmail); VGID=$(id -g vmail)

mkdir -p "$MAIL_STATE"
chmod 755 "$MAIL_STATE"
rm -rf "${MAIL_STATE:?}/etc" "${MAIL_STATE:?}/run" "${MAIL_STATE:?}/postfix" "${MAIL_STATE:?}/tls"
if [ "$MAIL_KEEP" != 1 ]; then rm -rf "${MAIL_STATE:?}/vmail" "${MAIL_STATE:?}/spool" "${MAIL_STATE:?}/lib" "${MAIL_STATE:?}/log"; fi
mkdir -p "$MAIL_STATE"/{etc,run,log,vmail,lib/dovecot,lib/postfix,spool,postfix}
chown vmail:vmail "$MAIL_STATE/vmail"
chown postfix:postfix "$MAIL_STATE/lib/postfix"
chmod 755 "$MAIL_STATE"/{etc,run,log,vmail,spool,postfix}

users_list="$MAIL_USERS"
[ "$MAIL_EXTERNAL" = sink ] && users_list="$users_list $MAIL_SINK:$MAIL_SINK_PASS"
: > "$MAIL_STATE/etc/passwd"; : > "$MAIL_STATE/etc/vmailbox"
domains=""
for up in $users_list; do
  u=${up%%:*}; p=${up#*:}; u=${u,,}; d=${u#*@}
  printf '%s:{PLAIN}%s\n' "$u" "$p" >> "$MAIL_STATE/etc/passwd"
  printf '%s OK\n' "$u" >> "$MAIL_STATE/etc/vmailbox"
  case " $domains " in *" $d "*) ;; *) domains="$domains $d";; esac
done
domains=${domains# }
first_domain=${domains%% *}
# A recipient Postfix accepts and Dovecot does not know: LMTP refuses it after the 250, so Postfix itself
# bounces the mail to its sender with a delivery status notification (the bounce tests need one).
printf 'ghost@%s OK\n' "$first_domain" >> "$MAIL_STATE/etc/vmailbox"
chown root:dovecot "$MAIL_STATE/etc/passwd"; chmod 640 "$MAIL_STATE/etc/passwd"

# ------------------------------------------------------------------- TLS ---
if [ "$MAIL_TLS" = 1 ]; then
  mkdir -p "$MAIL_STATE/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,DNS:mail.$first_domain,IP:127.0.0.1" \
    -keyout "$MAIL_STATE/tls/key.pem" -out "$MAIL_STATE/tls/cert.pem" >/dev/null 2>&1
  chmod 644 "$MAIL_STATE/tls/cert.pem"; chmod 600 "$MAIL_STATE/tls/key.pem"
fi

# --------------------------------------------------------------- dovecot ---
if [ "$MAIL_TLS" = 1 ]; then
  D_SSL="ssl = yes
ssl_cert = <$MAIL_STATE/tls/cert.pem
ssl_key = <$MAIL_STATE/tls/key.pem
ssl_min_protocol = TLSv1.2"
  D_IMAPS_PORT=$IMAPS_PORT
else
  D_SSL="ssl = no"
  D_IMAPS_PORT=0
fi

if [ -n "$MAIL_OAUTH_INTROSPECT" ]; then
  # Tried after the password file: a token is no password there, so the file's "no" passes on to introspection.
  # No auth cache (the default): a revoked token is refused at the very next login.
  D_MECHS="plain login xoauth2 oauthbearer"
  D_OAUTH="passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $MAIL_STATE/etc/dovecot-oauth2.conf.ext
}"
else
  D_MECHS="plain login"
  D_OAUTH=""
fi

cat > "$D_CONF" <<EOF
# generated by mail-up.sh - standalone, does not include /etc/dovecot
instance_name = ci-mail
base_dir = $MAIL_STATE/run/dovecot
state_dir = $MAIL_STATE/lib/dovecot
protocols = imap lmtp
listen = 127.0.0.1
log_path = $MAIL_STATE/log/dovecot.log
auth_verbose = yes
auth_failure_delay = 0
disable_plaintext_auth = no
auth_mechanisms = $D_MECHS
$D_SSL

first_valid_uid = 1
first_valid_gid = 1
mail_uid = $VUID
mail_gid = $VGID
mail_location = maildir:~/Maildir
mail_fsync = never
recipient_delimiter = +
postmaster_address = postmaster@$first_domain
hostname = mail.$first_domain

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu $MAIL_STATE/etc/passwd
}
$D_OAUTH
userdb {
  # static userdb verifies existence through the passdb (unknown LMTP recipients are rejected)
  driver = static
  args = uid=$VUID gid=$VGID home=$MAIL_STATE/vmail/%Ld/%Ln
}

namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
}

protocol imap {
  mail_max_userip_connections = 200
  imap_idle_notify_interval = 1 mins
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $D_IMAPS_PORT
    ssl = yes
  }
}
# Disable the anvil auth penalty: all tests connect from 127.0.0.1, and one deliberate
# wrong-password test would otherwise delay *every* later login by 2..15 s.
# (login_trusted_networks = 127.0.0.0/8 does NOT avoid it in 2.3.19 - verified.)
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0660
    user = postfix
    group = postfix
  }
}
EOF

if [ -n "$MAIL_OAUTH_INTROSPECT" ]; then
  # RFC 7662: POST token=..., Basic auth from the URL; only an active token whose subject is the login passes.
  cat > "$MAIL_STATE/etc/dovecot-oauth2.conf.ext" <<EOF
introspection_mode = post
introspection_url = $MAIL_OAUTH_INTROSPECT
username_attribute = sub
active_attribute = active
active_value = true
timeout_msecs = 5000
EOF
fi

# --------------------------------------------------------------- postfix ---
relay_tr="error:5.7.1 outbound mail is disabled on this CI mail server"
if [ "$MAIL_EXTERNAL" = sink ]; then
  dom_re=$(echo "$domains" | sed 's/\./\\./g; s/ /|/g')
  cat > "$MAIL_STATE/etc/sink.regexp" <<EOF
if !/@($dom_re)\$/
/.*/	$MAIL_SINK
endif
EOF
  P_VALIAS="virtual_alias_maps = regexp:$MAIL_STATE/etc/sink.regexp
virtual_alias_domains ="
  P_RELAY="smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination"
else
  P_VALIAS="virtual_alias_maps ="
  P_RELAY="smtpd_relay_restrictions = reject_unauth_destination"
fi
if [ "$MAIL_TLS" = 1 ]; then
  P_TLS="smtpd_tls_security_level = may
smtpd_tls_cert_file = $MAIL_STATE/tls/cert.pem
smtpd_tls_key_file = $MAIL_STATE/tls/key.pem
smtpd_tls_auth_only = no
smtpd_tls_loglevel = 0"
else
  P_TLS="smtpd_tls_security_level = none
smtpd_tls_auth_only = no"
fi

cat > "$P_CONF/main.cf" <<EOF
# generated by mail-up.sh - private Postfix instance ("postfix -c $P_CONF")
compatibility_level = 3.6
queue_directory = $MAIL_STATE/spool
data_directory = $MAIL_STATE/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.$first_domain
mydomain = $first_domain
myorigin = \$myhostname
mydestination =
local_recipient_maps =
local_transport = error:5.1.1 local delivery disabled
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP ci-mail
biff = no
append_dot_mydomain = no
readme_directory = no
recipient_delimiter = +
message_size_limit = 52428800
disable_dns_lookups = yes
smtp_dns_support_level = disabled

virtual_mailbox_domains = $domains
virtual_mailbox_maps = texthash:$MAIL_STATE/etc/vmailbox
virtual_transport = lmtp:unix:$MAIL_STATE/run/dovecot/lmtp
$P_VALIAS
# belt and braces: nothing may leave the machine
default_transport = $relay_tr
relay_transport = $relay_tr
relayhost =

smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $MAIL_STATE/run/dovecot/auth-postfix
smtpd_sasl_security_options = noanonymous
broken_sasl_auth_clients = yes
$P_RELAY
smtpd_recipient_restrictions =
$P_TLS

maillog_file = $MAIL_STATE/log/postfix.log
maillog_file_prefixes = /var, /dev/stdout, $MAIL_STATE
delay_warning_time = 0
# Mail deferred while Dovecot is down (mail-ctl.sh stop-dovecot: LMTP socket gone) is retried
# within seconds instead of Postfix's default 5..67 min back-off; mail-ctl.sh start-dovecot
# additionally runs "postfix flush".
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 4s
# test-friendly: no tarpitting after rejected commands, no error-count disconnects
smtpd_error_sleep_time = 0s
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
smtpd_client_connection_count_limit = 0
EOF

{
  echo "127.0.0.1:$SMTP_PORT inet n - n - - smtpd"
  if [ "$MAIL_TLS" = 1 ]; then
    echo "127.0.0.1:$SMTPS_PORT inet n - n - - smtpd"
    echo "  -o smtpd_tls_wrappermode=yes"
  fi
  cat <<'EOF'
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
} > "$P_CONF/master.cf"

# --------------------------------------------------------------- start -----
# NB: never let the daemons inherit the caller's stdout/stderr - dovecot keeps fd 2 open
# forever, which makes `./mail-up.sh | tee x` or a CI step capturing output hang.
/usr/sbin/dovecot -c "$D_CONF" </dev/null >"$MAIL_STATE/log/dovecot-start.log" 2>&1 || {
  log "dovecot failed to start:"; cat "$MAIL_STATE/log/dovecot-start.log" >&2; exit 1; }
# Postfix re-reads main.cf in a 0.3 s loop until the file is >1 s old (guard against
# half-written configs) - back-date the generated files so startup is instant.
touch -d '2000-01-01 00:00:00' "$P_CONF"/main.cf "$P_CONF"/master.cf "$MAIL_STATE"/etc/*
# Pre-create the queue dirs (as listed in /etc/postfix/postfix-files) and drop a "quick-start"
# marker: "postfix start" then skips its integrity check (post-install create-missing),
# which otherwise costs ~1-3 s.
for q in active bounce corrupt defer deferred flush hold incoming private saved trace; do
  install -d -o postfix -g root -m 700 "$MAIL_STATE/spool/$q"
done
install -d -o postfix -g postdrop -m 730 "$MAIL_STATE/spool/maildrop"
install -d -o postfix -g postdrop -m 710 "$MAIL_STATE/spool/public"
install -d -o root -g root -m 755 "$MAIL_STATE/spool/pid"
touch "$MAIL_STATE/spool/quick-start"
/usr/sbin/postfix -c "$P_CONF" start </dev/null >"$MAIL_STATE/log/postfix-start.log" 2>&1 || {
  log "postfix failed to start:"; cat "$MAIL_STATE/log/postfix-start.log" >&2; exit 1; }

wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  log "port $1 did not open"; tail -n 30 "$MAIL_STATE/log/dovecot.log" "$MAIL_STATE/log/postfix.log" >&2 || true; return 1
}
wait_port "$IMAP_PORT"; wait_port "$SMTP_PORT"
if [ "$MAIL_TLS" = 1 ]; then wait_port "$IMAPS_PORT"; wait_port "$SMTPS_PORT"; fi
for _ in $(seq 1 50); do [ -S "$MAIL_STATE/run/dovecot/lmtp" ] && break; sleep 0.1; done

cat > "$MAIL_STATE/env" <<EOF
MAIL_STATE=$MAIL_STATE
MAIL_IMAP_HOST=127.0.0.1
MAIL_IMAP_PORT=$IMAP_PORT
MAIL_SMTP_HOST=127.0.0.1
MAIL_SMTP_PORT=$SMTP_PORT
MAIL_TLS=$MAIL_TLS
MAIL_IMAPS_PORT=$([ "$MAIL_TLS" = 1 ] && echo "$IMAPS_PORT")
MAIL_SMTPS_PORT=$([ "$MAIL_TLS" = 1 ] && echo "$SMTPS_PORT")
MAIL_TLS_CERT=$([ "$MAIL_TLS" = 1 ] && echo "$MAIL_STATE/tls/cert.pem")
MAIL_DOMAINS="$domains"
MAIL_USERS="$users_list"
MAIL_OAUTH=$([ -n "$MAIL_OAUTH_INTROSPECT" ] && echo 1 || echo 0)
EOF
t1=$(date +%s.%N)
log "up in $(awk "BEGIN{printf \"%.2f\", $t1-$t0}")s: IMAP 127.0.0.1:$IMAP_PORT  SMTP 127.0.0.1:$SMTP_PORT$([ "$MAIL_TLS" = 1 ] && echo "  IMAPS :$IMAPS_PORT  SMTPS :$SMTPS_PORT (self-signed $MAIL_STATE/tls/cert.pem)")"
log "users: $users_list"
log "env file: $MAIL_STATE/env   logs: $MAIL_STATE/log/{dovecot,postfix}.log"
