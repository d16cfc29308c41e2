// GAN Studio's notes in a real VS Code (code-server 1.100): a gan block trains from its CodeLens,
// the markdown preview shows its grid, sparkline and status, a snapshot lands in the note, and a
// block's mistake shows under Problems at its line in the note.
//   test/e2e/setup.sh && npm run build && test/e2e/run.sh notes.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assert, clickLensCommand, findWebview, goToLine, openFile, pollUntil, runCommand, runGanScript, waitForActiveEditorText, waitForStatusBarItem, waitForWorkbench, webviewContent,
  type Page,
} from './harness';


function runDirs(workspace: string): string[] {
  const dir = path.join(workspace, '.gan', 'runs');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [];
}

/** Go to Line (Ctrl+G) in the active editor: the line ends up in view. */
async function revealLine(page: Page, line: number): Promise<void> {
  await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
  await goToLine(page, line);
}

async function clickLens(page: Page, title: string): Promise<void> {
  await clickLensCommand(page, () => page.locator('.contentWidgets .codelens-decoration a', { hasText: title }).first().click());
}

// The size the studio's layout is held to: a student's session is shot at it, light and dark.
runGanScript('notes', { viewport: { width: 1600, height: 960 } }, async ({ page, workspace, step, screenshot }) => {
  const note = path.join(workspace, 'notes', 'gan-notes.md');
  await waitForWorkbench(page);
  let runDir = '';
  await step('"▶ Train" above a gan block trains it; the run records the note and block', async () => {
    await openFile(page, 'notes/gan-notes.md');
    await waitForActiveEditorText(page, 'GAN notes');
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Train' }).first().waitFor({ timeout: 30_000 });
    await clickLens(page, 'Train');
    // The folder appears before its run.json: wait for both.
    runDir = await pollUntil(async () => runDirs(workspace).find((dir) => path.basename(dir).startsWith('gan-notes-b1-ring-note-') && fs.existsSync(path.join(dir, 'run.json'))),
      { timeoutMs: 30_000, describe: async () => `runs: ${runDirs(workspace).join(', ')}` });
    const info = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { note?: { file: string; block: number } };
    assert(info.note?.file === note && info.note.block === 0, `run.json note: ${JSON.stringify(info.note)}`);
    await pollUntil(async () => (JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { status: string }).status === 'completed' || undefined,
      { timeoutMs: 90_000, describe: async () => fs.readFileSync(path.join(runDir, 'run.json'), 'utf8') });
  });
  await step('the markdown preview shows the block\'s grid, sparkline and status, and cards for the others', async () => {
    await openFile(page, 'notes/gan-notes.md');
    await runCommand(page, 'Markdown: Open Preview to the Side');
    // The preview is one of the open webviews (the run's dashboard is another): find it.
    const frame = await findWebview(page, async (candidate) => (await candidate.locator('.gan-block').count()) > 0, 'the gan blocks', 40_000);
    await frame.locator('.gan-status', { hasText: 'gan-notes-b1-ring-note-' }).first().waitFor({ timeout: 20_000 });
    await frame.locator('svg.gan-sparkline').first().waitFor({ timeout: 20_000 });
    const grid = frame.locator('img.gan-grid').first();
    await grid.waitFor({ timeout: 20_000 });
    await pollUntil(async () => (await grid.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)) || undefined,
      { timeoutMs: 20_000, describe: async () => `grid not loaded: ${await grid.getAttribute('src')}` });
    const empty = await frame.locator('.gan-block-empty').allInnerTexts();
    assert(empty.some((text) => text.includes('Not trained yet')), `cards: ${JSON.stringify(empty)}`);
  });
  await step('Insert Snapshot copies the grid next to the note and links it under the block', async () => {
    await page.locator('.tabs-container .tab[data-resource-name="gan-notes.md"]').first().click();
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Insert Snapshot' }).first().waitFor({ timeout: 20_000 });
    await clickLens(page, 'Insert Snapshot');
    // The editor wraps long lines: compare without whitespace.
    await pollUntil(async () => /!\[gan-notes-b1-ring-note-.*·step300\]\(media\/gan-notes-b1-ring-note-.*-step-300\.png\)/.test(
      (await page.locator('.editor-group-container .monaco-editor .view-lines').first().innerText()).replace(/\s+/g, '')) || undefined,
    { timeoutMs: 15_000, describe: async () => 'no snapshot link in the note' });
    await waitForStatusBarItem(page, /Snapshot of .* at step 300 inserted into gan-notes\.md, line \d+/, 10_000);
    await runCommand(page, 'File: Save');
    const media = path.join(workspace, 'notes', 'media');
    assert(fs.existsSync(media) && fs.readdirSync(media).some((name) => name.endsWith('-step-300.png')), 'the grid was copied into notes/media');
  });
  await step('while a block\'s run trains, the open preview follows its new grids; its dashboard beside the note has real content and Pause, Step (one step, paused again), a live change of D\'s learning rate and Resume work; Stop in the lens stops it', async () => {
    await page.locator('.tabs-container .tab[data-resource-name="gan-notes.md"]').first().click();
    // Lenses exist only for visible lines: bring the long run's block into view.
    await revealLine(page, fs.readFileSync(note, 'utf8').split('\n').indexOf('config: ../ring-long.gan.yaml') + 1);
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Train' });
    const lowest = async () => {
      const boxes = await Promise.all((await lens.all()).map(async (item) => ({ item, y: (await item.boundingBox())?.y ?? -1 })));
      return boxes.sort((a, b) => b.y - a.y)[0];
    };
    // Lenses move while the editor lays out wrapped lines after the reveal: click one that stays put.
    await pollUntil(async () => {
      const before = await lowest();
      await page.waitForTimeout(400);
      const after = await lowest();
      return before && after && before.y === after.y && before.y >= 0 ? after.item : undefined;
    }, { timeoutMs: 20_000, describe: async () => 'no Train lens near the end held still' }).then((last) => last.click());
    const longRun = await pollUntil(async () => runDirs(workspace).find((dir) => path.basename(dir).startsWith('gan-notes-b4-ring-long-')),
      { timeoutMs: 30_000, describe: async () => `runs: ${runDirs(workspace).join(', ')}` });
    // Training opened the run's dashboard in a group below the preview beside the note, not over it.
    await page.locator('.tabs-container .tab.active', { hasText: 'Preview gan-notes.md' }).first().waitFor({ timeout: 15_000 });
    const frames = page.locator('iframe.webview.ready');
    const gridSteps = async () => {
      for (let at = 0; at < await frames.count(); at++) {
        const sources = await webviewContent(page, at).locator('img.gan-grid').evaluateAll(
          (images) => images.map((image) => image.getAttribute('src') ?? '')).catch(() => [] as string[]);
        const long = sources.map((src) => /gan-notes-b4-ring-long-[^/]*\/samples\/step-(\d+)\.png/.exec(decodeURIComponent(src))?.[1]).find(Boolean);
        if (long) return Number(long);
      }
      return undefined;
    };
    const first = await pollUntil(gridSteps, { timeoutMs: 30_000, describe: async () => 'the preview never showed the long run' });
    await pollUntil(async () => ((await gridSteps()) ?? 0) > first || undefined, { timeoutMs: 30_000, describe: async () => `still step ${first}` });
    // The run's dashboard, beside the note: real content, and its buttons reach the trainer.
    await page.locator('.tabs-container .tab', { hasText: path.basename(longRun) }).first().click();
    const dashboard = await findWebview(page, async (candidate) =>
      (await candidate.locator('.run-id', { hasText: path.basename(longRun) }).count()) > 0, 'the long run\'s dashboard', 20_000);
    await pollUntil(async () => {
      const painted = await dashboard.locator('canvas').evaluateAll((canvases) => canvases.filter((canvas) => {
        const context = (canvas as HTMLCanvasElement).getContext('2d');
        if (!context || !canvas.clientWidth) return false;
        const { data } = context.getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height);
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
        return false;
      }).length);
      return painted >= 4 || undefined;
    }, { timeoutMs: 20_000, describe: async () => 'fewer than 4 painted canvases (losses, D outputs, histogram, plane)' });
    await pollUntil(async () => (await dashboard.locator('img').first().evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)) || undefined,
      { timeoutMs: 20_000, describe: async () => 'the sample grid did not load' });
    const status = () => (JSON.parse(fs.readFileSync(path.join(longRun, 'run.json'), 'utf8')) as { status: string }).status;
    await dashboard.locator('vscode-button', { hasText: 'Pause' }).click();
    await pollUntil(async () => status() === 'paused' || undefined, { timeoutMs: 20_000, describe: async () => `status ${status()}` });
    // GAN Lab's step button: exactly one more step, then paused again.
    const runInfo = () => JSON.parse(fs.readFileSync(path.join(longRun, 'run.json'), 'utf8')) as { status: string; step: number };
    const pausedAt = runInfo().step;
    await dashboard.locator('vscode-button:text-is("Step")').click();
    await pollUntil(async () => (runInfo().status === 'paused' && runInfo().step === pausedAt + 1) || undefined,
      { timeoutMs: 20_000, describe: async () => `after Step from ${pausedAt}: ${JSON.stringify(runInfo())}` });
    // GAN Lab's live controls: D's learning rate changed by hand is recorded in the run at once, even paused.
    const rate = dashboard.locator('.controls-card .controls-row', { hasText: 'discriminator' }).locator('input[aria-label="learning rate"]');
    await rate.fill('0.0005');
    await rate.press('Enter');
    const changes = () => fs.readFileSync(path.join(longRun, 'metrics.jsonl'), 'utf8').split('\n').filter((line) => line.includes('"type":"change"'));
    await pollUntil(async () => changes().length > 0 || undefined, { timeoutMs: 20_000, describe: async () => 'no change line in metrics.jsonl' });
    const recorded = JSON.parse(changes()[0]!) as { step: number; change: unknown };
    assert(recorded.step === pausedAt + 1 && JSON.stringify(recorded.change) === '{"kind":"learningRate","player":"discriminator","value":0.0005}',
      `change line: ${changes()[0]}`);
    await dashboard.locator('.change-history li', { hasText: 'discriminator learning rate → 0.0005' }).waitFor({ timeout: 15_000 });
    // A student's session in both kinds of theme: the note, its dashboard beside it, the controls in use.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await dashboard.locator('.controls-card').evaluate((card) => card.scrollIntoView({ block: 'center' }));
    await screenshot('student-session-light');
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 15_000 });
    await screenshot('student-session-dark');
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs').waitFor({ timeout: 15_000 });
    await dashboard.locator('vscode-button', { hasText: 'Resume' }).click();
    await pollUntil(async () => status() === 'running' || undefined, { timeoutMs: 20_000, describe: async () => `status ${status()}` });
    await page.locator('.tabs-container .tab[data-resource-name="gan-notes.md"]').first().click();
    // The lens row re-renders as the live run's step changes, so a found lens can be gone by the click:
    // find and click it in one retried attempt, and click again if the run did not stop.
    const longLine = fs.readFileSync(note, 'utf8').split('\n').indexOf('config: ../ring-long.gan.yaml') + 1;
    const stop = page.locator('.contentWidgets .codelens-decoration a[title^="Stop gan-notes-b4-ring-long-"]').first();
    await pollUntil(async () => {
      if (status() === 'stopped') return true;
      await revealLine(page, longLine);
      await clickLensCommand(page, () => pollUntil(async () => {
        if (status() === 'stopped') return true;
        if ((await stop.count()) === 0) return undefined;
        return stop.click({ timeout: 2_000 }).then(() => true, () => undefined);
      }, { timeoutMs: 20_000, describe: async () => 'no Stop lens to click' }).then(() => undefined));
      return pollUntil(async () => status() === 'stopped' || undefined, { timeoutMs: 15_000, describe: async () => `status ${status()}` }).catch(() => undefined);
    }, { timeoutMs: 90_000, describe: async () => fs.readFileSync(path.join(longRun, 'run.json'), 'utf8') });
  });
  await step('hovering a run: reference shows that run\'s status and latest grid', async () => {
    await page.locator('.tabs-container .tab[data-resource-name="gan-notes.md"]').first().click();
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    const reference = page.locator('.editor-group-container .monaco-editor .view-line', { hasText: 'run: ring-note' }).first();
    await reference.waitFor({ timeout: 10_000 });
    const box = await reference.boundingBox();
    assert(box, 'the run: line is not on screen');
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'gan-notes-b1-ring-note-' }).first();
    await hover.waitFor({ timeout: 15_000 });
    // MarkdownString.appendText keeps spacing with non-breaking spaces.
    assert(/completed\s300\/300/.test(await hover.innerText()), await hover.innerText());
    await hover.locator('img').first().waitFor({ timeout: 10_000 });
  });
  await step('a mistake in a block shows under Problems at its line in the note', async () => {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'training.batchSize' }).first();
    await row.waitFor({ timeout: 15_000 });
    const text = await row.innerText();
    const expectedLine = fs.readFileSync(note, 'utf8').split('\n').findIndex((line) => line.includes('batchSize: 0')) + 1;
    assert(text.includes(`[Ln ${expectedLine}, Col 24]`), `problem row: ${text} (expected line ${expectedLine})`);
  });
  await step('Ctrl+K V with a run\'s dashboard beside the note opens the preview below the dashboard: note, dashboard and preview all in view', async () => {
    await runCommand(page, 'View: Close All Editor Groups');
    await openFile(page, 'notes/gan-notes.md');
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await clickLens(page, 'Open Dashboard');
    await findWebview(page, async (frame) => (await frame.locator('.run-id', { hasText: 'gan-notes-b1-ring-note-' }).count()) > 0, 'the ring-note dashboard', 20_000);
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('V');
    // Each group's tabs, the one in front marked: the dashboard must still be in front in its own group.
    const groups = await pollUntil(async () => {
      const shown = await page.locator('.editor-group-container').evaluateAll((containers) => containers.map((container) =>
        Array.from(container.querySelectorAll('.tabs-container .tab')).map((tab) => `${tab.classList.contains('active') ? '*' : ''}${tab.getAttribute('aria-label') ?? ''}`)));
      // The group below comes first, the preview a moment later: wait for both.
      return shown.length === 3 && shown[2]!.length > 0 ? shown : undefined;
    }, { timeoutMs: 15_000, describe: async () => `groups: ${JSON.stringify(await page.locator('.editor-group-container .tabs-container').allInnerTexts())}` });
    const front = groups.map((tabs) => tabs.find((tab) => tab.startsWith('*')) ?? '');
    assert(/^\*gan-notes\.md/.test(front[0] ?? '') && /^\*gan-notes-b1-ring-note-/.test(front[1] ?? '') && /^\*gan-notes\.md/.test(front[2] ?? ''),
      `note | dashboard | preview below it, each in front: ${JSON.stringify(groups)}`);
    await pollUntil(async () => {
      for (let at = 0; at < await page.locator('iframe.webview.ready').count(); at++) {
        if (await webviewContent(page, at).locator('img.gan-grid').count().catch(() => 0) > 0) return true;
      }
      return undefined;
    }, { timeoutMs: 30_000, describe: async () => 'the preview below the dashboard shows no grid' });
  });
});
