#!/bin/sh
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (the emulator's
# consent page test drives it with playwright-core). Idempotent and quiet: does nothing when it is
# already installed; otherwise refreshes the package lists and installs it with apt-get.
set -eu

if [ -x /usr/bin/chromium ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null

if [ ! -x /usr/bin/chromium ]; then
	echo "ensure-chromium: apt-get installed chromium but /usr/bin/chromium is missing" >&2
	exit 1
fi
