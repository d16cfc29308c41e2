// GAN Studio's training families in a real VS Code (code-server 1.100), from a note's gan blocks:
// a BiGAN in the plane, a VAE and a VAE-GAN on digits, a CycleGAN between the digits and their
// inverse, a Triple-GAN on two labels per class and a DANN from grey to coloured digits each train
// from their "▶ Train" CodeLens, and the dashboard beside the note draws what the family's catalogue
// and views name (its metric groups, its reconstructions, translations or features, its D-output
// histograms or none), the preview shows each block's grid (DANN's: its features) with the family's headline pair, and an unknown field in a family section is a plain
// diagnostic at its line, with no stack trace.
//   test/e2e/setup.sh && npm run build && test/e2e/run.sh families.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  clickLensCommand, assert, findInExtensionHostLogs, findWebview, goToLine, openFile, pollUntil, readExtensionHostLogs, readNotifications, runCommand, runGanScript, waitForActiveEditorText,
  waitForExtensionHostLog, waitForNotification, waitForWorkbench, type FrameLocator, type Locator, type Page,
} from './harness';

const NOTE = 'notes/families.md';

/** What one family's run must show; every title is the catalogue's or the family's views', not the GAN's. */
interface FamilyCase {
  /** The block's `name:`, and its index among the note's gan blocks (run ids are <note>-b<index + 1>-<name>-…). */
  readonly name: string;
  readonly block: number;
  readonly steps: number;
  /** The headline group's title (the losses card). */
  readonly lossTitle: string;
  /** The other groups' titles, in order: the metric cards the run's lines fill. */
  readonly metricCards: readonly string[];
  /** D-output histogram cards: the class naming the view, and its title. None for a family without D. */
  readonly histograms: readonly { readonly view: string; readonly title: string }[];
  /** The run's sample views: each its name (samples/<name>/) and card title; none for a run with the fixed grid alone. */
  readonly views?: readonly { readonly name: string; readonly title: string }[];
  /** Evaluation figures the run's latest evaluation card lists by label (a family's own figures). */
  readonly figures?: readonly string[];
  /** The preview's status line shows the headline pair under its short labels. */
  readonly headline: RegExp;
  /** run.json's networks. */
  readonly networks: readonly string[];
  /** The plane card's colour scale, for 2D data. */
  readonly planeScale?: string;
  /** The samples card's title, where the family saves its own picture rather than G's grid. */
  readonly samplesTitle?: string;
}

const NUMBER = String.raw`-?\d[\d.e+-]*`;
const CASES: readonly FamilyCase[] = [
  {
    name: 'spiral-bigan', block: 0, steps: 200,
    lossTitle: 'Losses', metricCards: ['Mean D outputs on pairs', 'Gradient norms'],
    histograms: [{ view: 'discriminator', title: 'D outputs: encoded pairs vs generated pairs' }],
    views: [{ name: 'reconstructions', title: 'Reconstructions x | G(E(x))' }], headline: new RegExp(`· D ${NUMBER} EG ${NUMBER}$`),
    networks: ['generator', 'encoder', 'discriminator'], planeScale: 'E(x)',
  },
  {
    name: 'digits-vae', block: 1, steps: 60,
    lossTitle: 'VAE terms', metricCards: ['Gradient norm'],
    histograms: [],
    views: [{ name: 'reconstructions', title: 'Reconstructions x | decoder(μ(x))' }], headline: new RegExp(`· R ${NUMBER} KL ${NUMBER}$`),
    networks: ['generator', 'encoder'],
  },
  {
    name: 'digits-vaegan', block: 2, steps: 60,
    lossTitle: 'Losses', metricCards: ['VAE terms', 'Mean D outputs', 'Gradient norms', 'Equilibrium gating'],
    histograms: [
      { view: 'discriminator', title: 'D outputs: real vs prior samples' },
      { view: 'reconstructions', title: 'D outputs: real vs reconstructions' },
    ],
    views: [{ name: 'reconstructions', title: 'Reconstructions x | decoder(μ(x))' }], headline: new RegExp(`· D ${NUMBER} Dec ${NUMBER}$`),
    networks: ['generator', 'encoder', 'discriminator'],
  },
  {
    // Both directions' losses, the round trips and both critics: all from its catalogue, view and histogram keys.
    name: 'digits-cyclegan', block: 3, steps: 30,
    lossTitle: 'Losses', metricCards: ['Cycle consistency', 'Mean D outputs', 'Gradient norms'],
    histograms: [
      { view: 'discriminatorA', title: 'D_A outputs: a vs G_BA(b)' },
      { view: 'discriminatorB', title: 'D_B outputs: b vs G_AB(a)' },
    ],
    views: [{ name: 'translations', title: 'Translations a → b → a and b → a → b' }], headline: new RegExp(`· D ${NUMBER} G ${NUMBER}$`),
    networks: ['generatorAB', 'generatorBA', 'discriminatorA', 'discriminatorB'],
  },
  {
    // Three players and a baseline: its loss groups, D's histogram, and both classifiers' test accuracy in the evaluation card.
    name: 'digits-triple-gan', block: 4, steps: 30,
    lossTitle: 'Adversarial losses', metricCards: ['Classifier losses', 'Mean D outputs on pairs', 'Gradient norms'],
    histograms: [{ view: 'discriminator', title: 'D outputs: labelled pairs vs G\'s pairs' }],
    figures: ['C test accuracy', 'baseline on 2 labels/class'], headline: new RegExp(`· D ${NUMBER} G ${NUMBER}$`),
    networks: ['generator', 'discriminator', 'classifier', 'baselineClassifier'],
  },
  {
    // No generator: its sample picture is F's features by domain (the samples card says so), its view the same by class.
    name: 'digits-dann', block: 5, steps: 30,
    lossTitle: 'Label losses', metricCards: ['Domain head loss', 'Domain head accuracy', 'Domain weight λ', 'Gradient norms'],
    histograms: [], samplesTitle: 'Features by domain',
    views: [{ name: 'features-by-class', title: 'Features by class' }],
    figures: ['DANN on target', 'source-only on target', 'trained on target labels', 'domain head accuracy'], headline: new RegExp(`· label ${NUMBER} domain ${NUMBER}$`),
    networks: ['classifier', 'domainHead', 'sourceOnlyClassifier', 'targetTrainedClassifier'],
  },
  {
    // A network kind, not a family: the plain GAN's cards, with the style generator's three views and figures.
    name: 'digits-style', block: 6, steps: 30,
    lossTitle: 'Losses', metricCards: ['Mean D outputs: D(x) and D(G(z))', 'Gradient norms'],
    histograms: [{ view: 'discriminator', title: 'D outputs: real vs generated' }],
    views: [{ name: 'style-mixing', title: 'Style mixing' }, { name: 'truncation', title: 'Truncation' }, { name: 'noise', title: 'Noise variations' }],
    figures: ['mixes keeping the coarse styles\' digit', 'path length in W (classifier features)'], headline: new RegExp(`· D ${NUMBER} G ${NUMBER}$`),
    networks: ['generator', 'discriminator'],
  },
];

interface RunInfo { readonly status: string; readonly step: number; readonly networks?: readonly string[]; readonly error?: string }

function runDirs(workspace: string): string[] {
  const dir = path.join(workspace, '.gan', 'runs');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [];
}

function runInfo(dir: string): RunInfo {
  return JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')) as RunInfo;
}

/** The 1-based line of the note holding `text`. */
function noteLine(workspace: string, text: string): number {
  const index = fs.readFileSync(path.join(workspace, NOTE), 'utf8').split('\n').findIndex((line) => line.includes(text));
  assert(index >= 0, `no line "${text}" in ${NOTE}`);
  return index + 1;
}

async function focusNote(page: Page): Promise<void> {
  await page.locator('.tabs-container .tab[data-resource-name="families.md"]').first().click();
}

/** Go to Line (Ctrl+G) in the note: the line ends up in view, so its lenses render. */
async function revealLine(page: Page, line: number): Promise<void> {
  await focusNote(page);
  await goToLine(page, line);
}

/**
 * The CodeLens row of the block whose first line is `firstLine`, if it is on screen: it sits over
 * the fence, right above that line, so it is the last lens row above the line.
 */
async function nearestLensRow(page: Page, firstLine: string): Promise<Locator | undefined> {
  const editor = page.locator('.editor-group-container .monaco-editor').first();
  const rows = editor.locator('.contentWidgets .codelens-decoration');
  const top = (await editor.locator('.view-line', { hasText: firstLine }).first().boundingBox().catch(() => null))?.y;
  if (top === undefined) return undefined;
  const above = await Promise.all((await rows.all()).map(async (row) => ({ row, y: (await row.boundingBox())?.y ?? Infinity })));
  return above.filter(({ y }) => y < top).sort((a, b) => b.y - a.y)[0]?.row;
}

async function lensRowOf(page: Page, workspace: string, firstLine: string, reveal = true): Promise<Locator> {
  if (reveal) await revealLine(page, noteLine(workspace, firstLine));
  return pollUntil(() => nearestLensRow(page, firstLine),
    { timeoutMs: 20_000, describe: async () => `no CodeLens above "${firstLine}"` });
}

/**
 * Clicks the block's Train lens. Found and clicked in one attempt, retried: while a note's lenses
 * first render, rows appear and re-order (a row found a moment ago may be another one by the click).
 */
async function clickTrainLens(page: Page, workspace: string, firstLine: string): Promise<void> {
  await revealLine(page, noteLine(workspace, firstLine));
  await clickLensCommand(page, () => pollUntil(async () => {
    const train = (await nearestLensRow(page, firstLine))?.locator('a', { hasText: 'Train' });
    if (!train || await train.count() !== 1) return undefined;
    return train.click({ timeout: 2_000 }).then(() => true, () => undefined);
  }, { timeoutMs: 20_000, describe: async () => `no Train lens to click above "${firstLine}"` }).then(() => undefined));
}

interface DashboardReading {
  readonly runId: string;
  readonly samplesTitle: string;
  readonly lossTitle: string;
  readonly metricCards: string[];
  readonly histograms: { readonly className: string; readonly title: string; readonly painted: boolean }[];
  readonly views: { readonly className: string; readonly title: string; readonly loaded: boolean; readonly src: string }[];
  /** The evaluation card's figure labels. */
  readonly figures: string[];
  readonly plane: { readonly shown: boolean; readonly scale: string };
}

/**
 * What the dashboard shows now: card titles, whether each histogram's canvas has paint, whether each
 * view's picture loaded. (The page functions name no inner functions: tsx would wrap them in a
 * helper the page lacks.)
 */
async function readDashboard(frame: FrameLocator): Promise<DashboardReading> {
  const titleOf = (selector: string) => frame.locator(selector).evaluateAll((nodes) => nodes.map((node) => (node.textContent ?? '').trim()).join(' | '));
  return {
    runId: await titleOf('.run-id'),
    samplesTitle: await titleOf('section.samples-card > h2'),
    lossTitle: await titleOf('section.loss-card > h2'),
    metricCards: await frame.locator('section.metric-card').evaluateAll((cards) =>
      cards.filter((card) => !(card as HTMLElement).hidden).map((card) => (card.querySelector('h2')?.textContent ?? '').trim())),
    histograms: await frame.locator('section.histogram-card').evaluateAll((cards) => cards.map((card) => {
      const canvas = card.querySelector('canvas');
      const context = canvas?.getContext('2d');
      let painted = false;
      if (canvas && context && canvas.width && canvas.height) {
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 3; i < data.length && !painted; i += 4) painted = data[i] !== 0;
      }
      return { className: card.className, title: (card.querySelector('h2')?.textContent ?? '').trim(), painted };
    })),
    views: await frame.locator('section.view-card').evaluateAll((cards) => cards.map((card) => {
      const image = card.querySelector('img.sample-grid') as HTMLImageElement | null;
      return {
        className: card.className, title: (card.querySelector('h2')?.textContent ?? '').trim(),
        loaded: !!image && !image.hidden && image.complete && image.naturalWidth > 0, src: decodeURIComponent(image?.getAttribute('src') ?? ''),
      };
    })),
    figures: await frame.locator('.evaluation-figure .figure-label').allInnerTexts().then((labels) => labels.map((label) => label.trim())),
    plane: (await frame.locator('section.plane-card').evaluateAll((cards) => cards.map((card) => ({
      shown: !(card as HTMLElement).hidden, scale: (card.querySelector('.legend-entry:last-child > span')?.textContent ?? '').trim(),
    }))))[0] ?? { shown: false, scale: '' },
  };
}

/** Why the view cards are not the family's one view (or none, for a family without one). */
function viewMismatch(family: FamilyCase, runId: string, seen: DashboardReading): string[] {
  const expected = family.views ?? [];
  const cards = () => [`view cards ${JSON.stringify(seen.views.map((view) => view.className))}`];
  if (seen.views.length !== expected.length) return cards();
  return expected.flatMap(({ name, title }) => {
    const named = seen.views.filter((view) => new RegExp(`\\bview-${name}\\b`).test(view.className));
    if (named.length !== 1) return cards();
    const [view] = named as [DashboardReading['views'][number]];
    return [
      ...(view.title !== title ? [`${name} card titled "${view.title}"`] : []),
      ...(!view.loaded ? [`the ${name} picture did not load`] : []),
      ...(!view.src.includes(`${runId}/samples/${name}/step-${family.steps}.png`) ? [`${name} picture ${view.src}`] : []),
    ];
  });
}

/** Why a dashboard reading is not yet what the family should show ('' when it is). */
function dashboardMismatch(family: FamilyCase, runId: string, seen: DashboardReading): string {
  const problems: string[] = [];
  const same = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);
  if (seen.runId !== runId) problems.push(`run id ${seen.runId}`);
  if (seen.lossTitle !== family.lossTitle) problems.push(`losses card "${seen.lossTitle}"`);
  if (seen.samplesTitle !== (family.samplesTitle ?? 'Samples')) problems.push(`samples card "${seen.samplesTitle}"`);
  if (!same(seen.metricCards, family.metricCards)) problems.push(`metric cards ${JSON.stringify(seen.metricCards)}`);
  const histograms = seen.histograms.map(({ className, title }) => ({ view: /\bhistogram-(\S+)/.exec(className.replace('histogram-card', ''))?.[1] ?? '?', title }));
  if (!same(histograms.map((h) => `${h.view}: ${h.title}`), family.histograms.map((h) => `${h.view}: ${h.title}`))) {
    problems.push(`histogram cards ${JSON.stringify(histograms)}`);
  }
  if (seen.histograms.some((card) => !card.painted)) problems.push('a histogram card is not drawn');
  problems.push(...viewMismatch(family, runId, seen));
  const missing = (family.figures ?? []).filter((label) => !seen.figures.includes(label));
  if (missing.length) problems.push(`evaluation figures ${JSON.stringify(seen.figures)} lack ${JSON.stringify(missing)}`);
  if (family.planeScale !== undefined && !(seen.plane.shown && seen.plane.scale === family.planeScale)) problems.push(`plane ${JSON.stringify(seen.plane)}`);
  if (family.planeScale === undefined && seen.plane.shown) problems.push('a data plane for image data');
  return problems.join('; ');
}

runGanScript('families', {}, async ({ page, server, workspace, step }) => {
  await waitForWorkbench(page);
  await openFile(page, NOTE);
  await waitForActiveEditorText(page, '# Families');
  const runIds = new Map<string, string>();

  for (const family of CASES) {
    await step(`${family.name}: "▶ Train" trains the block to completion, and its dashboard beside the note shows the family's metric groups, ${family.views ? `its ${family.views.map((view) => view.name).join(', ')} view(s)` : 'no view beyond the grid'}, ${family.histograms.length} D-output histogram card(s)${family.figures ? ' and its evaluation figures' : ''}`, async () => {
      await clickTrainLens(page, workspace, `name: ${family.name}`);
      const prefix = `families-b${family.block + 1}-${family.name}-`;
      const runDir = await pollUntil(async () => runDirs(workspace).find((dir) => path.basename(dir).startsWith(prefix) && fs.existsSync(path.join(dir, 'run.json'))),
        { timeoutMs: 30_000, describe: async () => `no ${prefix}* run; runs: ${runDirs(workspace).map((dir) => path.basename(dir)).join(', ')}` });
      const runId = path.basename(runDir);
      runIds.set(family.name, runId);
      await pollUntil(async () => {
        const info = runInfo(runDir);
        if (info.status === 'failed') throw new Error(`${runId} failed: ${info.error ?? ''}`);
        return info.status === 'completed' || undefined;
      }, { timeoutMs: 90_000, describe: async () => fs.readFileSync(path.join(runDir, 'run.json'), 'utf8') });
      const info = runInfo(runDir);
      assert(info.step === family.steps, `${runId} ended at step ${info.step}, not ${family.steps}`);
      assert(JSON.stringify([...info.networks ?? []].sort()) === JSON.stringify([...family.networks].sort()), `run.json networks: ${JSON.stringify(info.networks)}`);
      await waitForNotification(page, new RegExp(`${runId} completed \\(${family.steps} steps\\)`), 30_000);
      // The block's lenses follow the run: Train again (not Stop), and its dashboard and snapshot.
      await revealLine(page, noteLine(workspace, `name: ${family.name}`));
      const lensText = async () => (await (await lensRowOf(page, workspace, `name: ${family.name}`, false)).innerText()).replace(/\s+/g, ' ').trim();
      await pollUntil(async () => /^Train \| Open Dashboard \| Insert Snapshot$/.test(await lensText()) || undefined,
        { timeoutMs: 15_000, describe: async () => `lenses over ${family.name}: ${await lensText()}` });

      const dashboard = await findWebview(page, async (frame) => (await frame.locator('.run-id', { hasText: runId }).count()) > 0, `${runId}'s dashboard`, 30_000);
      let seen: DashboardReading | undefined;
      await pollUntil(async () => {
        seen = await readDashboard(dashboard);
        return dashboardMismatch(family, runId, seen) === '' || undefined;
      }, { timeoutMs: 30_000, describe: () => `${runId}'s dashboard: ${seen ? dashboardMismatch(family, runId, seen) : 'unreadable'}` });
    });
  }

  // Before the preview opens: its scroll sync can pull the note back from the line Go to Line shows.
  await step('an unknown field in a family section is a plain diagnostic at its line; Train refuses the block with the same words and no stack trace', async () => {
    const line = noteLine(workspace, 'family: { kind: vae, beta: 2 }');
    const expected = 'family.beta: unknown field \'beta\' (allowed: kind, klWeight, pixelSigma)';
    await focusNote(page);
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'family.beta' });
    await rows.first().waitFor({ timeout: 15_000 });
    const problems = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    const ours = problems.filter((text) => text.includes('family.beta'));
    assert(ours.length === 1, `family.beta problems: ${JSON.stringify(ours)}`);
    const [row] = ours as [string];
    assert(row.includes(expected), `problem row: ${row}`);
    assert(row.includes(`[Ln ${line}, Col 22]`), `problem row: ${row} (expected line ${line}, column 22)`);
    // The good blocks have nothing to report.
    const others = problems.filter((text) => !text.includes('family.beta') && !/^families\.md/.test(text.trim()));
    assert(others.length === 0, `other problems: ${JSON.stringify(others)}`);

    const before = runDirs(workspace).length;
    await clickTrainLens(page, workspace, 'name: vae-typo');
    const message = await waitForNotification(page, /families\.md cannot be trained/, 20_000);
    assert(message.includes(`families.md:${line}:22: ${expected}`), `notification: ${message}`);
    // No stack frame, no file of the bundle, no exception class, no raw zod issue.
    const stackTrace = /\n\s*at |\bat \S+ \(|\.(js|ts|mjs|cjs):\d+|\b[A-Z]\w*Error\b|"(code|path)":/;
    for (const text of await readNotifications(page)) assert(!stackTrace.test(text), `a notification reads like a stack trace: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert(runDirs(workspace).length === before && !runDirs(workspace).some((dir) => path.basename(dir).includes('vae-typo')), 'the bad block started a run');
    await waitForExtensionHostLog(server.userDataDir, 'family.beta');
    // GAN Studio's log holds the refusal as one error line at the note's line, with no stack frames after it.
    const ganLog = readExtensionHostLogs(server.userDataDir).filter((log) => log.name.includes('gan-studio.gan-studio'));
    const errors = ganLog.flatMap((log) => log.text.split('\n')).filter((text) => /\[error\]/.test(text));
    assert(errors.length === 1 && errors[0]!.endsWith(`notes/families.md:${line}:22: ${expected}`), `GAN Studio's error lines: ${JSON.stringify(errors)}`);
    const frames = ganLog.flatMap((log) => log.text.split('\n')).filter((text) => /^\s+at |\.js:\d+:\d+/.test(text));
    assert(frames.length === 0, `stack frames in GAN Studio's log: ${frames.slice(0, 3).join(' | ')}`);
    const hostErrors = findInExtensionHostLogs(server.userDataDir, /\[error\].*gan-studio/i).filter((entry) => !entry.name.includes('gan-studio.gan-studio'));
    assert(hostErrors.length === 0, `the extension host logged errors of GAN Studio: ${hostErrors.map((entry) => entry.line).join(' | ')}`);
  });
  await step('the note\'s preview shows each family block\'s grid, its run\'s status and the family\'s headline pair; the bad block is untrained', async () => {
    assert(runIds.size === CASES.length, `only ${runIds.size} of ${CASES.length} blocks trained`);
    await focusNote(page);
    await runCommand(page, 'Markdown: Open Preview to the Side');
    const preview = await findWebview(page, async (frame) => (await frame.locator('.gan-block').count()) === CASES.length + 1, 'the note\'s gan blocks', 40_000);
    const blocks = preview.locator('.gan-block');
    for (const family of CASES) {
      const runId = runIds.get(family.name)!;
      const block = blocks.nth(family.block);
      const status = block.locator('.gan-status');
      await status.filter({ hasText: runId }).waitFor({ timeout: 20_000 });
      const line = (await status.innerText()).trim();
      assert(line.startsWith(`${runId} · completed · step ${family.steps}/${family.steps}`), `block ${family.block + 1} status: ${line}`);
      assert(family.headline.test(line), `block ${family.block + 1} status ${JSON.stringify(line)} lacks the headline ${String(family.headline)}`);
      const grid = block.locator('img.gan-grid');
      await pollUntil(async () => (await grid.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)) || undefined,
        { timeoutMs: 20_000, describe: async () => `block ${family.block + 1}: grid not loaded: ${await grid.getAttribute('src')}` });
      const src = decodeURIComponent(await grid.getAttribute('src') ?? '');
      assert(src.includes(`${runId}/samples/step-${family.steps}.png`), `block ${family.block + 1} grid: ${src}`);
      // The loss summaries are read in the background: the preview draws the curves when they arrive.
      await block.locator('svg.gan-sparkline polyline').nth(1).waitFor({ state: 'attached', timeout: 20_000 })
        .catch(() => { throw new Error(`block ${family.block + 1} has no sparkline with both headline curves`); });
    }
    const bad = blocks.nth(CASES.length);
    assert(/Not trained yet/.test(await bad.innerText()) && (await bad.getAttribute('class'))?.includes('gan-block-empty'), `block ${CASES.length + 1}: ${await bad.innerText()}`);
  });

});
