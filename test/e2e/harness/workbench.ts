// Driving the workbench like a user: wait for it to load, run palette commands, open files.
import * as path from 'node:path';
import type { Locator, Page } from './playwright';
import { escapeRegExp, matches, pollUntil, type TextMatcher } from './waiting';

/** Selectors of VS Code's DOM (1.100) the helpers rely on, in one place for upgrades. */
export const SELECTORS = {
  workbench: '.monaco-workbench',
  statusBar: '[id="workbench.parts.statusbar"]',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  activeEditorLines: '.editor-group-container.active .monaco-editor .view-lines',
} as const;

/**
 * Resolves once the workbench is usable: its DOM is up, the remote indicator no longer
 * says "Opening Remote..." (the server connection is established) and the Problems item
 * is in the status bar — it is added when the workbench has restored its parts, about
 * when the explorer shows the folder. Extensions activate later (onStartupFinished comes
 * seconds after); wait for what a test needs, e.g. waitForExtensionActivation().
 */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator(SELECTORS.workbench).waitFor({ state: 'visible', timeout: timeoutMs });
  await page
    .locator(`${SELECTORS.statusBar} [id="status.host"]`)
    .filter({ hasNotText: /Opening Remote/i })
    .waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator(`${SELECTORS.statusBar} [id="status.problems"]`).waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Runs a command by its title as the command palette shows it ("Category: Title"): F1,
 * type the title, pick the row whose label is exactly that title. Picking the exact row,
 * rather than pressing Enter on whatever is first, avoids running a recently-used or
 * fuzzy-matched neighbour.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 15_000, options: { opensInput?: boolean } = {}): Promise<void> {
  const input = await openQuickInput(page, 'F1', timeoutMs);
  // F1 pre-fills ">" (command mode); fill() replaces it, so put it back.
  await input.fill(`>${title}`);
  const row = page
    .locator(SELECTORS.quickInputRow)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
    .first();
  try {
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (error) {
    const seen = await page.locator(`${SELECTORS.quickInputRow} .label-name`).allInnerTexts();
    await page.keyboard.press('Escape');
    throw new Error(`command "${title}" not in the palette; rows: ${JSON.stringify(seen)}`, { cause: error });
  }
  await row.click();
  // A command that asks something (a quick pick, an input box) reuses the widget at once.
  if (!options.opensInput) await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * Opens a workspace file with Quick Open (Ctrl+P), given its path relative to the
 * workspace folder, and waits for its editor tab to be the active one.
 */
export async function openFile(page: Page, relativePath: string, timeoutMs = 20_000): Promise<void> {
  const baseName = path.basename(relativePath);
  await page.keyboard.press('Control+P');
  const input = page.locator(SELECTORS.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(relativePath);
  // File search results arrive asynchronously (ripgrep on the server); wait until the
  // focused row is the file before pressing Enter.
  const focused = page.locator(`${SELECTORS.quickInputRow}.focused`).filter({ hasText: baseName });
  await focused.waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await page
    .locator(SELECTORS.activeTab)
    .filter({ hasText: baseName })
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Text of the active text editor as rendered. Monaco only renders the visible lines, so
 * this is the whole file only for files that fit on screen.
 */
export async function readActiveEditorText(page: Page): Promise<string> {
  const lines = page.locator(`${SELECTORS.activeEditorLines} .view-line`);
  // Lines are absolutely positioned and may be in any DOM order; sort by their top offset.
  const rows = await lines.evaluateAll((elements) =>
    elements.map((element) => ({
      top: Number.parseFloat((element as HTMLElement).style.top || '0'),
      text: (element.textContent ?? '').replace(/\u00a0/g, ' '),
    })),
  );
  return rows
    .sort((a, b) => a.top - b.top)
    .map((row) => row.text)
    .join('\n');
}

/**
 * Waits until the active editor shows text containing/matching `matcher`; the tab becomes
 * active before Monaco has rendered the model's lines, so reading right away gives "".
 */
export async function waitForActiveEditorText(page: Page, matcher: TextMatcher, timeoutMs = 15_000): Promise<string> {
  return pollUntil(
    async () => {
      const text = await readActiveEditorText(page);
      return matches(text, matcher) ? text : undefined;
    },
    {
      timeoutMs,
      describe: async () =>
        `active editor never showed ${String(matcher)}; it shows ${JSON.stringify(await readActiveEditorText(page))}`,
    },
  );
}

/**
 * Go to Line (Ctrl+G) in the focused editor: `where` is "LINE" or "LINE:COLUMN". The position is
 * written into the widget's own input, never typed at the keyboard: if something took the focus
 * and closed the widget, keystrokes would land in the editor and change the file. A widget that
 * closed is opened again, once.
 */
export async function goToLine(page: Page, where: string | number, timeoutMs = 10_000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const input = await openQuickInput(page, 'Control+G', timeoutMs);
      await input.fill(`:${where}`, { timeout: timeoutMs });
      await input.press('Enter', { timeout: timeoutMs });
      await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: timeoutMs });
      return;
    } catch (error) {
      if (attempt >= 2) throw new Error(`Go to Line ${where} did not take`, { cause: error });
    }
  }
}

/**
 * Presses `key` until the quick input it opens stays open and focused. A focus still on its way
 * when the key is pressed (VS Code focuses the editor a moment after a click on its tab) closes
 * the widget within a frame or two of opening — too fast for a wait to see it — and the key is
 * pressed again.
 */
async function openQuickInput(page: Page, key: string, timeoutMs: number): Promise<Locator> {
  const input = page.locator(SELECTORS.quickInputBox);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    const left = timeoutMs - (Date.now() - started);
    try {
      await input.waitFor({ state: 'visible', timeout: Math.max(1000, Math.min(left, 3000)) });
      await page.waitForTimeout(250);
      if (await input.isVisible() && await input.evaluate((node) => node === document.activeElement)) return input;
    } catch (error) {
      if (Date.now() - started >= timeoutMs || attempt >= 4) throw new Error(`${key} opened no quick input that stayed open (${attempt} tries)`, { cause: error });
      continue;
    }
    if (Date.now() - started >= timeoutMs || attempt >= 4) throw new Error(`the quick input ${key} opened kept closing (${attempt} tries)`);
  }
}
