// Runs every end-to-end script one after another and prints one closing line:
// "N passed, N failed" summed over them. Exits non-zero when any test failed or a script broke.
//   test/e2e/setup.sh && npm run build && test/e2e/run.sh run-all.ts
//
// A script with a failure is run once more (E2E_RETRIES, default 1), as Playwright's own runner
// does in CI: the tests drive a real workbench whose timing on 2 busy cores varies. The retry is
// reported by name with the first attempt's failures, so a flaky test stays visible; a failure
// that repeats fails the suite. E2E_RETRIES=0 turns retries off.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const scripts = ['extension-host.ts', 'notes.ts', 'families.ts', 'restricted-mode.ts'];
const retries = Math.max(0, Number(process.env['E2E_RETRIES'] ?? 1) || 0);

interface Attempt {
  readonly passed: number;
  readonly failed: number;
  /** The lines naming failed tests, for the retry report. */
  readonly failures: readonly string[];
}

function runScript(script: string): Attempt {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(result.stdout);
  const summary = /^(\d+) passed, (\d+) failed/m.exec(result.stdout);
  const failures = result.stdout.split('\n').filter((line) => /^\s*FAIL\b/.test(line)).map((line) => line.trim());
  if (!summary) {
    const broke = `FAIL  ${script} ended without its summary (exit ${result.status})`;
    console.log(`  ${broke}`);
    return { passed: 0, failed: 1, failures: [...failures, broke] };
  }
  return { passed: Number(summary[1]), failed: Number(summary[2]), failures };
}

let passed = 0;
let failed = 0;
const retried: string[] = [];
for (const script of scripts) {
  console.log(`── ${script}`);
  let attempt = runScript(script);
  for (let retry = 1; attempt.failed > 0 && retry <= retries; retry++) {
    retried.push(`${script} (attempt ${retry}: ${attempt.failures.join('; ')})`);
    console.log(`── ${script}: retry ${retry} of ${retries}`);
    attempt = runScript(script);
  }
  passed += attempt.passed;
  failed += attempt.failed;
}
if (retried.length) console.log(`retried after a failure: ${retried.join(' · ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
