#!/usr/bin/env bash
# Installs the Debian packages the tests drive when they are missing: Chromium for the browser
# tests (Playwright drives /usr/bin/chromium and downloads no browser of its own), and pytest
# and pip for the Python client's tests (run with /usr/bin/python3). Needs root or sudo.
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium fonts-dejavu-core)
/usr/bin/python3 -c 'import pytest' >/dev/null 2>&1 || packages+=(python3-pytest)
/usr/bin/python3 -c 'import pip' >/dev/null 2>&1 || packages+=(python3-pip)
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "warning: the tests need these Debian packages; install them with: sudo apt-get install ${packages[*]}" >&2
  exit 0
fi

echo "installing for the tests: ${packages[*]}"
"${run[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
