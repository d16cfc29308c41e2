#!/usr/bin/env bash
# Runs an end-to-end script with TypeScript support: test/e2e/run.sh smoke.ts
# TMPDIR points into .work so tsx's compile cache, playwright's temp folders and the
# tools' temp files stay there instead of in /tmp.
set -euo pipefail
E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$E2E_DIR/../.." && pwd)"
script="${1:?usage: test/e2e/run.sh <script.ts relative to test/e2e> [args...]}"
shift
mkdir -p "$E2E_DIR/.work/tmp"
cd "$REPO_ROOT"
TMPDIR="$E2E_DIR/.work/tmp" exec node --import tsx "$E2E_DIR/$script" "$@"
