// Runs every end-to-end script one after another and prints one closing line:
// "N passed, N failed" summed over them. Exits non-zero when any test failed or a script broke.
//   test/e2e/setup.sh && npm run build && test/e2e/run.sh run-all.ts
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const scripts = ['extension-host.ts', 'notes.ts', 'restricted-mode.ts'];

let passed = 0;
let failed = 0;
for (const script of scripts) {
  console.log(`── ${script}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(result.stdout);
  const summary = /^(\d+) passed, (\d+) failed/m.exec(result.stdout);
  if (!summary) {
    console.log(`  FAIL  ${script} ended without its summary (exit ${result.status})`);
    failed++;
    continue;
  }
  passed += Number(summary[1]);
  failed += Number(summary[2]);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
