#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing; the tests drive it with
# Playwright at /usr/bin/chromium and download no browser of their own. Needs root or sudo.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "warning: the browser tests need Chromium at /usr/bin/chromium; install it with: sudo apt-get install chromium" >&2
  exit 0
fi

echo "installing chromium for the browser tests"
"${run[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
