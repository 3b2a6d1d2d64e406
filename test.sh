#!/usr/bin/env bash
# Runs every test of SecOpsDx (unit, integration, browser) and installs what they need first.
# Usage: ./test.sh            (CI calls exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")"

# Browser journeys drive Debian's Chromium; Playwright never downloads a browser.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "== installing chromium (Debian package)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "error: /usr/bin/chromium is missing; install it with: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

# Directory sign-in is tested against a real OpenLDAP server, started by the tests on loopback.
if [ ! -x /usr/sbin/slapd ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "== installing slapd (Debian package)"
    apt-get update -qq
    # The package's own server is not used (the tests start their own on a free port), so keep it from starting.
    own_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd >/dev/null
    if [ "$own_policy" = "1" ]; then rm -f /usr/sbin/policy-rc.d; fi
  else
    echo "error: /usr/sbin/slapd is missing; install it with: sudo apt-get install -y slapd" >&2
    exit 1
  fi
fi

# Active Directory sign-in is tested against a real Samba domain controller, provisioned and started by the tests on
# 127.0.0.1 (ports 389 and 636).
if [ ! -x /usr/sbin/samba ] || [ ! -x /usr/bin/samba-tool ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "== installing samba as an AD domain controller (Debian packages)"
    apt-get update -qq
    # The package's own daemons are not used (the tests provision their own domain in a temp folder), so keep them from starting.
    own_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends samba samba-ad-dc samba-ad-provision samba-dsdb-modules >/dev/null
    if [ "$own_policy" = "1" ]; then rm -f /usr/sbin/policy-rc.d; fi
  else
    echo "error: samba is missing; install it with: sudo apt-get install -y --no-install-recommends samba samba-ad-dc samba-ad-provision samba-dsdb-modules" >&2
    exit 1
  fi
fi

echo "== restoring local tools"
dotnet tool restore

echo "== building"
dotnet build SecOpsDx.sln -c Release -nologo -clp:ErrorsOnly

echo "== testing"
log=$(mktemp)
set +e
# A test that hangs fails the run after 15 minutes and is named, instead of holding the run until CI gives up.
dotnet test SecOpsDx.sln -c Release --no-build -nologo --blame-hang-timeout 15m --blame-hang-dump-type none 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run: "N passed, N failed".
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
