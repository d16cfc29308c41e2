// GAN Studio in Restricted Mode (an untrusted workspace) in a real VS Code: configs are still
// validated, but Train Config explains why it is off instead of training.
//   test/e2e/setup.sh && npm run build && test/e2e/run.sh restricted-mode.ts
import * as fs from 'node:fs';
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
});
