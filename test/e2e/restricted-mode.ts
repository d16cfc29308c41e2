// GAN Studio in Restricted Mode (an untrusted workspace) in a real VS Code: configs are still
// validated, but Train Config explains why it is off instead of training.
//   test/e2e/setup.sh && npm run build && test/e2e/run.sh restricted-mode.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ARTIFACTS_DIR, E2E_DIR, REPO_ROOT, RUNS_DIR, makeRunDir, openBrowser, openFile, packageExtension, runCommand,
  startCodeServer, takeScreenshot, waitForNotification, waitForWorkbench,
} from './harness';

async function main(): Promise<number> {
  const artifacts = makeRunDir(ARTIFACTS_DIR, 'restricted-mode');
  const workspace = path.join(makeRunDir(RUNS_DIR, 'gan-untrusted'), 'ws');
  fs.cpSync(path.join(E2E_DIR, 'fixtures', 'gan-workspace'), workspace, { recursive: true });
  const vsix = await packageExtension(REPO_ROOT);
  const server = await startCodeServer({
    workspaceFolder: workspace, vsixFiles: [vsix], label: 'untrusted', workspaceTrust: true,
    // Trust on, no start-up prompt, folders untrusted unless trusted: the workspace opens restricted.
    userSettings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false },
  });
  const session = await openBrowser(server.url);
  const { page } = session;
  let failures = 0;
  try {
    await waitForWorkbench(page);
    await openFile(page, 'ring-tiny.gan.yaml');
    await runCommand(page, 'GAN Studio: Train Config');
    await waitForNotification(page, /cannot train in Restricted Mode.*Trust this workspace to enable it/, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if (fs.existsSync(path.join(workspace, '.gan', 'runs'))) throw new Error('a run was started in Restricted Mode');
    await openFile(page, 'broken.gan.yaml');
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'training.batchSize' }).first().waitFor({ timeout: 15_000 });
    console.log('  ok    Restricted Mode: Train Config explains itself and trains nothing; Problems still work');
  } catch (error) {
    failures++;
    console.log(`  FAIL  Restricted Mode\n        ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await takeScreenshot(page, artifacts, 'restricted-mode').catch(() => undefined);
    await session.close().catch(() => undefined);
    await server.stop();
  }
  console.log(`${1 - failures} passed, ${failures} failed`);
  return failures ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
