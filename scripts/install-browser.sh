#!/usr/bin/env bash
# The browser the console's end-to-end tests drive: Debian's chromium, through playwright-core's
# executablePath (no browser download from elsewhere). Installed only when it is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-browser: /usr/bin/chromium is missing; installing Debian's chromium" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
