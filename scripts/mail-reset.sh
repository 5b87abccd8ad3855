#!/usr/bin/env bash
# mail-reset.sh - empty every mailbox of every configured user WITHOUT restarting (~30 ms/user).
#   mail-reset.sh                      all users from $MAIL_STATE/env
#   mail-reset.sh support@example.test only this user
# (mail-ctl.sh reset does the same in parallel and also drops Postfix's queue; Dovecot must be running.)
set -euo pipefail
if [ "$(id -u)" != 0 ]; then exec sudo -E bash "$0" "$@"; fi
MAIL_STATE=$(realpath -m "${MAIL_STATE:-${TMPDIR:-/tmp}/mailroom-mail}")
case "$MAIL_STATE" in /|/bin|/boot|/dev|/etc|/home|/lib*|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var) echo "refusing MAIL_STATE=$MAIL_STATE" >&2; exit 1;; esac
users=("$@")
if [ ${#users[@]} = 0 ]; then
  # shellcheck disable=SC1091
  . "$MAIL_STATE/env"; for up in $MAIL_USERS; do users+=("${up%%:*}"); done
fi
for u in "${users[@]}"; do
  doveadm -c "$MAIL_STATE/etc/dovecot.conf" expunge -u "$u" mailbox '*' all
done
echo "[mail-reset] emptied: ${users[*]}" >&2
