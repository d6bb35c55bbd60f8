#!/usr/bin/env bash
# The IMAP server the delivery-report tests read bounce mailboxes from: Debian's dovecot, run by
# the tests as a child process with a configuration of their own (test/support/imap-server.ts),
# never as the system's service. Installed only when it is missing.
set -euo pipefail
if [ -x /usr/sbin/dovecot ] && [ -e /usr/lib/dovecot/imap ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-imap-server: dovecot is missing; installing Debian's dovecot-imapd" >&2
$SUDO apt-get update -qq
# policy-rc.d: the package's own service is not started; the tests start their own.
DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $SUDO apt-get install -y -qq --no-install-recommends dovecot-imapd >/dev/null
# The package starts the system's dovecot where it can: the tests need none, so it is stopped.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet dovecot 2>/dev/null; then
  $SUDO systemctl stop dovecot || true
fi
