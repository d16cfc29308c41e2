#!/usr/bin/env bash
# Runs the WebGPU backend's tests on the software Vulkan driver test/gpu/setup.sh unpacked: the
# driver's library path must be set before Node starts (the dynamic loader reads it once).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ENV_FILE=test/gpu/.work/vulkan.env
if [ ! -f "$ENV_FILE" ]; then
  echo "[gpu tests] $ENV_FILE is missing: run test/gpu/setup.sh first" >&2
  exit 1
fi
# shellcheck source=/dev/null
. "$ENV_FILE"
# Arguments name test files (test/gpu/training.test.ts); none runs them all.
if [ $# -eq 0 ]; then set -- test/gpu/*.test.ts; fi
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "$@"
