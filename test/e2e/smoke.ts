// Proves the harness end to end: packages a throwaway extension, installs it into a real
// code-server, opens the workbench in chromium and drives it like a user.
//
//   test/e2e/setup.sh                         # once
//   node --import tsx test/e2e/smoke.ts       # prints "N passed, N failed"
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ARTIFACTS_DIR,
  E2E_DIR,
  RUNS_DIR,
  WORK_DIR,
  extensionHostErrors,
  makeRunDir,
  openBrowser,
  openFile,
  packageExtension,
  runCommand,
  startCodeServer,
  takeScreenshot,
  waitForActiveEditorText,
  waitForExtensionActivation,
  waitForExtensionHostLog,
  waitForNotification,
  waitForStatusBarItem,
  waitForWorkbench,
  webviewContent,
  type BrowserSession,
  type CodeServerInstance,
} from './harness';

interface TestCase {
  name: string;
  run: () => Promise<void>;
}

const TEST_TIMEOUT_MS = 60_000;

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

const PROBE_ID = 'gan-studio-e2e.e2e-probe';
const BROKEN_PROBE_ID = 'gan-studio-e2e.e2e-broken-probe';

/** Fixtures are copied so vsce works on throwaway folders inside .work. */
function buildFixtureExtension(fixture: string): string {
  const dir = path.join(WORK_DIR, 'extensions-src', fixture);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(E2E_DIR, 'fixtures', fixture), dir, { recursive: true });
  return dir;
}

function makeWorkspace(): string {
  const dir = path.join(makeRunDir(RUNS_DIR, 'smoke-workspace'), 'probe-workspace');
  fs.mkdirSync(path.join(dir, 'notes'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'hello.txt'), 'hello from the smoke workspace\n');
  fs.writeFileSync(path.join(dir, 'notes', 'plan.md'), '# Plan\n\nOpened through Quick Open.\n');
  return dir;
}

function defineTests(server: CodeServerInstance, session: BrowserSession, artifactsDir: string): TestCase[] {
  const { page } = session;
  return [
    {
      name: 'workbench loads with the workspace folder',
      run: async () => {
        await waitForWorkbench(page);
        await takeScreenshot(page, artifactsDir, 'workbench-loaded');
        const title = await page.title();
        assert(title.includes('probe-workspace'), `window title "${title}" does not name the workspace`);
      },
    },
    {
      name: 'status bar item appears when the probe activates at startup',
      run: async () => {
        const item = await waitForStatusBarItem(page, 'E2E Probe ready', 30_000);
        assert(item.id.includes('e2eProbe.status'), `unexpected status bar item id "${item.id}"`);
      },
    },
    {
      name: 'palette command "E2E Probe: Hello" shows its notification',
      run: async () => {
        await runCommand(page, 'E2E Probe: Hello');
        const text = await waitForNotification(page, 'Hello from the E2E probe');
        assert(text === 'Hello from the E2E probe', `notification text was "${text}"`);
        await takeScreenshot(page, artifactsDir, 'notification-shown');
      },
    },
    {
      name: 'the command updates the status bar item',
      run: async () => {
        await waitForStatusBarItem(page, 'E2E Probe said hello');
      },
    },
    {
      name: 'extension host logs show the probe activated cleanly and logged its lines',
      run: async () => {
        const activation = await waitForExtensionActivation(server.userDataDir, PROBE_ID);
        assert(activation.errors.length === 0, `activation errors: ${JSON.stringify(activation.errors)}`);
        // The probe's LogOutputChannel is written to exthost*/<extension id>/E2E Probe.log.
        await waitForExtensionHostLog(server.userDataDir, 'e2e-probe activated');
        await waitForExtensionHostLog(server.userDataDir, 'e2e-probe hello command ran');
      },
    },
    {
      name: 'an activation error is found in the extension host logs',
      run: async () => {
        const activation = await waitForExtensionActivation(server.userDataDir, BROKEN_PROBE_ID);
        const text = activation.errors.map((entry) => entry.line).join('\n');
        assert(text.includes('exploded on purpose'), `expected the thrown error, got ${JSON.stringify(text)}`);
        const all = extensionHostErrors(server.userDataDir).map((entry) => entry.line);
        assert(all.some((line) => line.includes(BROKEN_PROBE_ID)), 'extensionHostErrors() missed the failure');
      },
    },
    {
      name: 'quick open opens a file by its relative path',
      run: async () => {
        await openFile(page, 'notes/plan.md');
        const text = await waitForActiveEditorText(page, 'Opened through Quick Open.');
        assert(text.startsWith('# Plan'), `editor shows ${JSON.stringify(text)}`);
        await takeScreenshot(page, artifactsDir, 'file-opened');
      },
    },
    {
      name: 'webview content is reachable (built-in Markdown preview of the open file)',
      run: async () => {
        await runCommand(page, 'Markdown: Open Preview');
        const heading = webviewContent(page).locator('h1');
        await heading.waitFor({ state: 'visible', timeout: 20_000 });
        const text = (await heading.innerText()).trim();
        assert(text === 'Plan', `preview heading was "${text}"`);
        await takeScreenshot(page, artifactsDir, 'webview-preview');
      },
    },
    {
      name: 'the browser made no requests outside the local server',
      run: async () => {
        assert(session.externalRequests.length === 0, `requests: ${JSON.stringify(session.externalRequests)}`);
      },
    },
  ];
}

async function runTests(tests: TestCase[], session: BrowserSession, artifactsDir: string): Promise<number> {
  let failed = 0;
  for (const test of tests) {
    const started = Date.now();
    try {
      await withTimeout(test.run(), TEST_TIMEOUT_MS, test.name);
      console.log(`  ok    ${test.name} (${elapsed(started)})`);
    } catch (error) {
      failed += 1;
      console.log(`  FAIL  ${test.name} (${elapsed(started)})\n        ${String(error).replace(/\n/g, '\n        ')}`);
      await takeScreenshot(session.page, artifactsDir, `FAILED-${test.name}`).catch(() => undefined);
    }
  }
  return failed;
}

async function main(): Promise<number> {
  const started = Date.now();
  const artifactsDir = makeRunDir(ARTIFACTS_DIR, 'smoke');
  let server: CodeServerInstance | undefined;
  let session: BrowserSession | undefined;
  let total = 1;
  let failed = 1; // until the tests run, a failure to get there counts as one failed test
  try {
    let phase = Date.now();
    const vsixFiles = [
      await packageExtension(buildFixtureExtension('probe-extension')),
      await packageExtension(buildFixtureExtension('broken-probe-extension')),
    ];
    console.log(`packaged ${vsixFiles.map((file) => path.relative(WORK_DIR, file)).join(', ')} (${elapsed(phase)})`);

    phase = Date.now();
    server = await startCodeServer({ workspaceFolder: makeWorkspace(), vsixFiles, label: 'smoke' });
    console.log(`code-server on ${server.url} (${elapsed(phase)})`);

    phase = Date.now();
    session = await openBrowser(server.url);
    console.log(`chromium opened (${elapsed(phase)})`);

    const tests = defineTests(server, session, artifactsDir);
    total = tests.length;
    failed = await runTests(tests, session, artifactsDir);
  } catch (error) {
    console.log(`  FAIL  harness setup\n        ${String(error).replace(/\n/g, '\n        ')}`);
  } finally {
    if (failed > 0 && session !== undefined && session.consoleErrors.length > 0) {
      console.log(`browser console errors:\n  ${session.consoleErrors.slice(-20).join('\n  ')}`);
    }
    if (failed > 0 && server !== undefined) console.log(`code-server log: ${server.serverLogFile}`);
    await session?.close().catch(() => undefined);
    await server?.stop();
  }
  console.log(`artifacts: ${artifactsDir}`);
  console.log(`${total - failed} passed, ${failed} failed (${elapsed(started)})`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
