#!/usr/bin/env bash
# Installs a software Vulkan driver (Mesa's lavapipe) for the WebGPU backend's tests, so that CI
# proves the backend on a machine without a GPU. Dawn rejects Debian bookworm's Mesa 22.3
# ("shaderUniform*ArrayDynamicIndexing required"); Mesa 25 from bookworm-backports works. Its
# packages are downloaded and unpacked into test/gpu/.work/vulkan, leaving the system's Mesa and
# apt sources alone; only the ordinary bookworm libraries lavapipe links against are installed
# with apt when missing (CI runs as root). Writes test/gpu/.work/vulkan.env for test/gpu/run.sh.
#
# Idempotent: a complete unpacked driver is kept.
set -euo pipefail

started=$(date +%s)
GPU_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$GPU_DIR/.work"
VULKAN="$WORK/vulkan"
ENV_FILE="$WORK/vulkan.env"

log() { printf '[gpu setup] %s\n' "$*"; }

if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  log "no apt-get here: install a Vulkan driver yourself and write $ENV_FILE (see README.md, 'GPU training')"
  exit 0
fi

MULTIARCH="$(gcc -dumpmachine 2>/dev/null || echo "$(uname -m)-linux-gnu")"
LIB="$VULKAN/root/usr/lib/$MULTIARCH"

# The libraries lavapipe links against that every bookworm has (none of them replaces anything).
RUNTIME_PACKAGES=(libllvm15 libelf1 libexpat1 libzstd1 zlib1g libwayland-client0 libx11-xcb1 libxcb1
  libxcb-dri3-0 libxcb-present0 libxcb-randr0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxshmfence1)

install_runtime_packages() {
  "$GPU_DIR/../support/apt-install.sh" '[gpu setup]' "${RUNTIME_PACKAGES[@]}"
}

# The mirror the system already uses (deb822 or one-line sources), else Debian's own.
debian_mirror() {
  local uri
  uri=$(grep -hoE '^URIs: *[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | sed 's/^URIs: *//')
  [ -n "$uri" ] || uri=$(grep -hoE '^deb +[^ ]+/debian/? +bookworm' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}')
  echo "${uri:-http://deb.debian.org/debian}"
}

download_driver() {
  local apt="$WORK/apt"
  rm -rf "$apt" "$VULKAN"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$VULKAN/debs"
  local mirror
  mirror=$(debian_mirror)
  printf 'deb %s bookworm main\ndeb %s bookworm-backports main\n' "$mirror" "$mirror" >"$apt/sources.list"
  # A private apt state: the system's sources and lists are neither read nor changed.
  local options=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State=$apt"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root -qq)
  log "downloading bookworm-backports' Mesa (lavapipe) and the Vulkan loader from $mirror"
  apt-get "${options[@]}" update
  (cd "$VULKAN/debs" && apt-get "${options[@]}" download mesa-vulkan-drivers/bookworm-backports \
    libdrm2/bookworm-backports libdrm-amdgpu1/bookworm-backports libvulkan1)
  for deb in "$VULKAN"/debs/*.deb; do dpkg-deb -x "$deb" "$VULKAN/root"; done
  log "unpacked $(cd "$VULKAN/debs" && ls mesa-vulkan-drivers_*.deb)"
  rm -rf "$apt" "$VULKAN/debs"
}

if [ ! -f "$LIB/libvulkan_lvp.so" ] || [ ! -f "$LIB/libvulkan.so.1" ]; then
  download_driver
else
  log "lavapipe: already unpacked in $VULKAN"
fi
install_runtime_packages

# The ICD names its library by file name; point it at our copy.
sed "s#\"library_path\": *\"[^\"]*\"#\"library_path\": \"$LIB/libvulkan_lvp.so\"#" \
  "$VULKAN/root/usr/share/vulkan/icd.d/lvp_icd.json" >"$VULKAN/lvp_icd.json"
missing=$(LD_LIBRARY_PATH="$LIB" ldd "$LIB/libvulkan_lvp.so" | grep 'not found' || true)
if [ -n "$missing" ]; then
  log "lavapipe cannot load: $missing"
  exit 1
fi
cat >"$ENV_FILE" <<EOF
export VK_DRIVER_FILES="$VULKAN/lvp_icd.json"
export LD_LIBRARY_PATH="$LIB\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
EOF
log "done in $(($(date +%s) - started)) s: $ENV_FILE"
