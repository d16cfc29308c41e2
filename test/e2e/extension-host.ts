// GAN Studio in a real VS Code (code-server 1.100): packages the extension, opens a fixture
// workspace and drives the features of the extension host like a user would.
//   test/e2e/setup.sh                         # once
//   npm run build && test/e2e/run.sh extension-host.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assert, findWebview, goToLine, openFile, pollUntil, runCommand, runGanScript, waitForActiveEditorText, waitForExtensionActivation,
  waitForExtensionHostLog, waitForNotification, waitForStatusBarItem, waitForWorkbench, webviewContent, type Page,
} from './harness';

const EXTENSION_ID = 'gan-studio.gan-studio';

interface RunJson { status: string; step: number; error?: string }


function runsOf(workspace: string, prefix: string): string[] {
  const runsDir = path.join(workspace, '.gan', 'runs');
  return fs.existsSync(runsDir) ? fs.readdirSync(runsDir).filter((name) => name.startsWith(`${prefix}-`)).map((name) => path.join(runsDir, name)).sort() : [];
}

function runJson(runDir: string): RunJson {
  return JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as RunJson;
}

async function waitForRun(workspace: string, prefix: string, accept: (info: RunJson, dir: string) => boolean, timeoutMs = 60_000): Promise<string> {
  return pollUntil(async () => runsOf(workspace, prefix).find((dir) => {
    try { return accept(runJson(dir), dir); } catch { return false; }
  }), { timeoutMs, describe: async () => `no ${prefix} run as expected: ${JSON.stringify(runsOf(workspace, prefix).map((dir) => { try { return runJson(dir); } catch { return dir; } }))}` });
}

async function clickNotificationButton(page: Page, message: RegExp, button: string): Promise<void> {
  const toast = page.locator('.notification-toast', { hasText: message }).first();
  await toast.locator('.monaco-button', { hasText: button }).first().click();
}

/**
 * Runs a command that opens a quick pick and picks the row labelled `label`. VS Code sometimes hands
 * the focus back to the editor a moment after the pick opens, which closes it: then the command is
 * run again (up to three times). A pick still open without the row is a failure that says what showed.
 */
async function pickFromCommand(page: Page, command: string, label: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, command, 15_000, { opensInput: true });
    const picked = await row.waitFor({ state: 'visible', timeout: 15_000 }).then(() => row.click({ timeout: 5_000 })).then(() => true, () => false);
    if (picked) return;
    if (attempt < 3 && !await widget.isVisible()) continue;
    // Say what showed instead: a pick that closed (focus taken) reads differently from one still loading.
    const seen = {
      widgetVisible: await widget.isVisible(),
      input: await widget.locator('.quick-input-box input').inputValue().catch(() => ''),
      rows: await widget.locator('.quick-input-list .monaco-list-row').allInnerTexts(),
      focus: await page.evaluate(() => { const active = document.activeElement; return active ? `${active.tagName.toLowerCase()}.${active.className}` : 'none'; }),
    };
    throw new Error(`no quick-pick row "${label}" after ${attempt} tries of ${command}: ${JSON.stringify(seen)}`);
  }
}

runGanScript('extension-host', { userSettings: { 'ganStudio.refreshRate': 4 } }, async ({ page, server, workspace, step }) => {
  await waitForWorkbench(page);
  await step('activates when a config opens, fast and without errors', async () => {
    await openFile(page, 'ring-tiny.gan.yaml');
    const activation = await waitForExtensionActivation(server.userDataDir, EXTENSION_ID);
    assert(!activation.errors.length, activation.errors.map((line) => line.line).join('\n'));
    const [line] = await waitForExtensionHostLog(server.userDataDir, /GAN Studio activated: /);
    console.log(`        ${/GAN Studio activated: .*/.exec(line?.line ?? '')?.[0]}`);
  });
  await step('the config shows a Train CodeLens', async () => {
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Train' }).first().waitFor({ timeout: 20_000 });
  });
  await step('Train Config trains the active config: run folder fills, status bar shows progress', async () => {
    await runCommand(page, 'GAN Studio: Train Config');
    await waitForStatusBarItem(page, /ring-tiny \d+\/400/, 30_000);
    const dir = await waitForRun(workspace, 'ring-tiny', (info) => info.step > 0);
    assert(fs.existsSync(path.join(dir, 'metrics.jsonl')), 'metrics.jsonl');
  });
  await step('the dashboard opens beside with the run, its charts, histogram, samples and plane view', async () => {
    const frame = webviewContent(page);
    await frame.locator('.run-id', { hasText: 'ring-tiny-' }).waitFor({ timeout: 20_000 });
    await frame.locator('img').first().waitFor({ timeout: 20_000 });
    await frame.locator('canvas').first().waitFor({ timeout: 20_000 });
    const canvases = await frame.locator('canvas').count();
    assert(canvases >= 4, `expected loss, D-output, histogram and plane canvases, found ${canvases}`);
  });
  await step('completion is announced and recorded', async () => {
    await waitForNotification(page, /ring-tiny-.* completed \(400 steps\)/, 90_000);
    await waitForRun(workspace, 'ring-tiny', (info) => info.status === 'completed');
  });
  await step('the GAN Runs view lists the run under its config', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="GAN Studio"]').click();
    await page.locator('.pane-body .monaco-list-row', { hasText: 'ring-tiny.gan.yaml' }).first().waitFor({ timeout: 15_000 });
    await page.locator('.pane-body .monaco-list-row', { hasText: /ring-tiny · [\d:]+\s*completed 400\/400/ }).first().waitFor({ timeout: 15_000 });
  });
  await step('a config error shows in Problems at its line', async () => {
    await openFile(page, 'broken.gan.yaml');
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'training.batchSize' }).first();
    await row.waitFor({ timeout: 15_000 });
    const text = await row.innerText();
    assert(/\[Ln 5, Col 14\]/.test(text), `problem row: ${text}`);
  });
  await step('a misspelt value has a quick fix: Auto Fix writes the name meant and the problem goes', async () => {
    await openFile(page, 'typo.gan.yaml');
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel .monaco-list-row', { hasText: "did you mean 'non-saturating'" }).first().waitFor({ timeout: 15_000 });
    // The cursor inside the misspelling (line 5, column 12), where a quick fix applies.
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await goToLine(page, '5:12');
    await runCommand(page, 'Auto Fix...');
    await waitForActiveEditorText(page, /kind: non-saturating(?!\w)/);
    await pollUntil(async () => (await page.locator('.markers-panel .monaco-list-row', { hasText: 'objective.kind' }).count()) === 0 || undefined,
      { timeoutMs: 15_000, describe: async () => 'the problem stayed in Problems after the fix' });
  });
  await step('pause, resume and stop reach a running trainer; the stopped run\'s dashboard resumes it', async () => {
    await openFile(page, 'ring-long.gan.yaml');
    await runCommand(page, 'GAN Studio: Train Config');
    await waitForRun(workspace, 'ring-long', (info) => info.status === 'running' && info.step >= 20);
    await runCommand(page, 'GAN Studio: Pause Run');
    await waitForStatusBarItem(page, /ring-long \d+\/1000000 · paused/, 20_000);
    const pausedAt = runJson(await waitForRun(workspace, 'ring-long', (info) => info.status === 'paused')).step;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert(runsOf(workspace, 'ring-long').every((dir) => runJson(dir).step === pausedAt), 'a paused run does not move');
    await runCommand(page, 'GAN Studio: Resume Run');
    await waitForRun(workspace, 'ring-long', (info) => info.status === 'running' && info.step > pausedAt);
    await runCommand(page, 'GAN Studio: Stop Run');
    const stoppedAt = runJson(await waitForRun(workspace, 'ring-long', (info) => info.status === 'stopped')).step;
    // The stopped run's dashboard offers Resume: from its checkpoint, in a new trainer.
    const dashboard = await findWebview(page, async (frame) => (await frame.locator('.run-id', { hasText: /ring-long-/ }).count()) > 0, 'the ring-long dashboard');
    const resume = dashboard.locator('.run-actions vscode-button:has-text("Resume"):not([hidden])');
    await resume.waitFor({ timeout: 15_000 });
    await resume.click();
    await waitForRun(workspace, 'ring-long', (info) => info.status === 'running' && info.step > stoppedAt);
    await runCommand(page, 'GAN Studio: Stop Run');
    await waitForRun(workspace, 'ring-long', (info) => info.status === 'stopped');
  });
  await step('New Config from Template writes a renamed example into the workspace and opens it', async () => {
    await pickFromCommand(page, 'GAN Studio: New Config from Template', 'grid');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('my-grid');
    await input.press('Enter');
    await waitForActiveEditorText(page, 'name: my-grid', 15_000);
    assert(fs.existsSync(path.join(workspace, 'my-grid.gan.yaml')), 'my-grid.gan.yaml written');
  });
  await step('Export Networks writes the generator as a TF.js LayersModel where the user picks', async () => {
    await pickFromCommand(page, 'GAN Studio: Export Networks', 'ring-tiny-');
    // code-server's folder picker is the simple (quick input) file dialog; it opens on the
    // workspace folder, which is where this export goes.
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ timeout: 15_000 });
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'Export Here' }).first().click();
    await waitForNotification(page, /exported the generator of ring-tiny-.* \(step 400\)/, 60_000);
    const exported = fs.readdirSync(workspace).find((name) => name.endsWith('-generator'));
    assert(exported, `no export folder in ${fs.readdirSync(workspace).join(', ')}`);
    for (const file of ['model.json', 'weights.bin', 'gan-studio.json']) assert(fs.existsSync(path.join(workspace, exported, file)), file);
  });
  await step('Install Native Backend reports why the install failed, and training still works', async () => {
    await pickFromCommand(page, 'GAN Studio: Install Native Backend', 'CPU (native TensorFlow)');
    // This machine reaches the npm registry but not storage.googleapis.com, where tfjs-node's
    // install script downloads libtensorflow: the message must say exactly that.
    const message = await waitForNotification(page, /could not finish installing|registry|npm was not found/, 240_000);
    assert(/storage\.googleapis\.com/.test(message), message);
    assert(/pure-JS backends \(wasm, cpu\) keep working/.test(message), message);
  });
  await step('after a window reload the run panel comes back, and the interrupted run is offered for resume and resumes', async () => {
    await pickFromCommand(page, 'GAN Studio: Resume from Checkpoint', 'ring-long-');
    const dir = await waitForRun(workspace, 'ring-long', (info) => info.status === 'running');
    // Reloading the page is a window reload in code-server: a new extension host starts.
    await page.reload();
    await waitForWorkbench(page);
    await waitForNotification(page, /ring-long-.* interrupted when the window closed or reloaded/, 60_000);
    const interrupted = runJson(dir);
    assert(interrupted.status === 'interrupted', `after reload: ${JSON.stringify(interrupted)}`);
    // Answer the toast while it shows (toasts hide after a while), then look at the panels.
    await clickNotificationButton(page, /interrupted when the window closed/, 'Resume');
    // Restored panels: one per run, each its own webview frame (in no fixed DOM order).
    await findWebview(page, async (frame) => (await frame.locator('.run-id', { hasText: /ring-long-/ }).count()) > 0, 'the restored ring-long dashboard');
    await waitForRun(workspace, 'ring-long', (info) => info.status === 'running' && info.step > interrupted.step);
    await runCommand(page, 'GAN Studio: Stop Run');
    await waitForRun(workspace, 'ring-long', (info) => info.status === 'stopped');
  });
});
