#!/usr/bin/env bash
# Installs the Debian packages named (after the first argument, a log prefix) that are not
# installed yet, with apt (as root, or through sudo); prints which, or that all are present.
#   test/support/apt-install.sh "[e2e setup]" chromium ripgrep …
set -euo pipefail
prefix=$1
shift
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  printf '%s apt packages: all present\n' "$prefix"
  exit 0
fi
printf '%s apt packages: installing %s\n' "$prefix" "${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
