#!/usr/bin/env bash
# Installs what the end-to-end harness needs: Debian packages (chromium, ripgrep and the
# headers code-server's native modules build against), then code-server, playwright-core
# and @vscode/vsce into test/e2e/.work/tools — a package.json of its own, so the
# project's package.json and lockfile are never touched.
#
# Idempotent: packages already present are skipped, and the npm install only runs when
# the pinned versions are not all installed. Every npm/node-gyp cache and temp file goes
# under test/e2e/.work/ so nothing is cached elsewhere (apt's own cache excepted).
set -euo pipefail

started=$(date +%s)
E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$E2E_DIR/.work"
TOOLS="$WORK/tools"

# Pinned versions. code-server 4.100.3 (VS Code 1.100.3) is the newest whose engines
# accept Node 20; @vscode/vsce 3.9.x is the last line that accepts Node 20 (3.8.1 and
# 4.x want Node 22). playwright-core's Chromium protocol client must be recent enough for
# Debian's chromium (see README.md, "Versions").
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
VSCE_VERSION=3.9.2
# @vscode/ripgrep (a dependency of code-server's VS Code) downloads this asset from GitHub
# unless it is already in its cache folder; we seed that cache from Debian's ripgrep.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

APT_PACKAGES=(pkg-config libx11-dev libxkbfile-dev libsecret-1-dev libkrb5-dev g++ make python3 chromium ripgrep)

log() { printf '[e2e setup] %s\n' "$*"; }

install_apt_packages() {
  "$E2E_DIR/../support/apt-install.sh" '[e2e setup]' "${APT_PACKAGES[@]}"
}

# Prints the version of an installed package under TOOLS, or nothing.
installed_version() {
  node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch {}' \
    "$TOOLS/node_modules/$1/package.json"
}

tools_up_to_date() {
  [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] &&
    [ "$(installed_version playwright-core)" = "$PLAYWRIGHT_VERSION" ] &&
    [ "$(installed_version @vscode/vsce)" = "$VSCE_VERSION" ] &&
    # code-server's postinstall installs VS Code's own node_modules; a failed run can
    # leave the package without them, so check for a native module it builds.
    [ -d "$TOOLS/node_modules/code-server/lib/vscode/node_modules/node-pty" ]
}

install_tools() {
  if tools_up_to_date; then
    log "tools: code-server $CODE_SERVER_VERSION, playwright-core $PLAYWRIGHT_VERSION, @vscode/vsce $VSCE_VERSION already installed"
    return
  fi
  mkdir -p "$TOOLS" "$WORK/tmp" "$WORK/npm-cache" "$WORK/node-gyp" "$WORK/xdg-cache"

  # Seed @vscode/ripgrep's download cache (it lives in os.tmpdir(), hence TMPDIR below).
  local rg_cache="$WORK/tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  if [ ! -f "$rg_cache/$RIPGREP_ASSET" ]; then
    mkdir -p "$rg_cache"
    tar -czf "$rg_cache/$RIPGREP_ASSET" -C /usr/bin rg
  fi

  cat >"$TOOLS/package.json" <<EOF
{
  "name": "gan-studio-e2e-tools",
  "private": true,
  "description": "Tools for test/e2e only; installed by test/e2e/setup.sh.",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_VERSION",
    "@vscode/vsce": "$VSCE_VERSION"
  }
}
EOF

  log "tools: npm install (cold install takes a few minutes: code-server builds native modules)"
  (
    cd "$TOOLS"
    # unsafe_perm: as root, npm would otherwise drop privileges for code-server's
    #   postinstall, which then cannot write its own folder.
    # yes: node-pty's install runs `npx node-gyp`; the user config's yes=false makes npx
    #   refuse to fetch it non-interactively.
    # nodedir: build against the local Node headers (no download of headers).
    # TMPDIR / cache / devdir / XDG_CACHE_HOME: keep every cache under .work.
    TMPDIR="$WORK/tmp" \
      XDG_CACHE_HOME="$WORK/xdg-cache" \
      npm_config_cache="$WORK/npm-cache" \
      npm_config_devdir="$WORK/node-gyp" \
      npm_config_unsafe_perm=true \
      npm_config_yes=true \
      npm_config_nodedir=/usr \
      npm install --no-audit --no-fund --loglevel=warn
  )
  tools_up_to_date || { log "tools: install finished but versions/modules are not as expected"; exit 1; }
}

install_apt_packages
install_tools

log "chromium: $(chromium --version 2>/dev/null || echo 'not found')"
# Versions are read from package.json: `code-server --version` would write a default
# config file into ~/.config/code-server.
log "code-server: $(installed_version code-server), playwright-core: $(installed_version playwright-core), @vscode/vsce: $(installed_version @vscode/vsce)"
log "done in $(($(date +%s) - started)) s"
