// GAN Studio in Restricted Mode (an untrusted workspace) in a real VS Code: configs are still
// validated, but Train Config explains why it is off instead of training, and nothing in the
// workspace is rewritten (a run whose trainer died only reads as interrupted).
//   test/e2e/setup.sh && npm run build && test/e2e/run.sh restricted-mode.ts
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assert, openFile, runCommand, runGanScript, waitForNotification, waitForWorkbench } from './harness';

runGanScript('restricted-mode', {
  workspaceTrust: true,
  // Trust on, no start-up prompt, folders untrusted unless trusted: the workspace opens restricted.
  userSettings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false },
}, async ({ page, workspace, step }) => {
  await waitForWorkbench(page);
  await step('Restricted Mode: Train Config explains itself and trains nothing; Problems still work', async () => {
    await openFile(page, 'ring-tiny.gan.yaml');
    await runCommand(page, 'GAN Studio: Train Config');
    await waitForNotification(page, /cannot train in Restricted Mode.*Trust this workspace to enable it/, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert(!fs.existsSync(path.join(workspace, '.gan', 'runs')), 'a run was started in Restricted Mode');
    await openFile(page, 'broken.gan.yaml');
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'training.batchSize' }).first().waitFor({ timeout: 15_000 });
  });
  await step('Restricted Mode: a run whose trainer died reads as interrupted and its run.json is left as it was', async () => {
    const runDir = path.join(workspace, '.gan', 'runs', 'orphan-20260101-000000');
    fs.mkdirSync(runDir, { recursive: true });
    const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    const now = new Date().toISOString();
    fs.writeFileSync(path.join(runDir, 'run.json'), JSON.stringify({
      format: 1, runId: 'orphan-20260101-000000', name: 'orphan', status: 'running', step: 10, totalSteps: 400, seed: 1,
      configHash: 'x', dataset: 'ring', startedAt: now, updatedAt: now, pid: deadPid, hostname: os.hostname(),
    }));
    const written = fs.readFileSync(path.join(runDir, 'run.json'), 'utf8');
    await page.locator('.activitybar .action-item a[aria-label^="GAN Studio"]').click();
    await runCommand(page, 'GAN Studio: Refresh Runs');
    await page.locator('.pane-body .monaco-list-row', { hasText: /orphan · .*interrupted 10\/400/ }).first().waitFor({ timeout: 15_000 });
    // Past the start-up delay and the throttle of the check that marks such runs in a trusted window.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    assert(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8') === written, 'run.json was rewritten in Restricted Mode');
  });
});
