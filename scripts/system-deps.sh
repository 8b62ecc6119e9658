#!/usr/bin/env bash
# Installs the system packages the tests need, when they are missing (Debian, as root):
# the Makefile names them: postgresql (database tests), dovecot-imapd (IMAP tests),
# poppler-utils (pdftoppm/pdftotext for the printed-card tests).
set -euo pipefail
needed=()
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || needed+=("$pkg")
done
if [ ${#needed[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: missing ${needed[*]}; run as root or install them" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}"
fi
