// Reading notification toasts (showInformationMessage & co.).
import type { Page } from './playwright';
import { matches, pollUntil, type TextMatcher } from './waiting';

const MESSAGE_SELECTOR = [
  '.notifications-toasts .notification-toast .notification-list-item-message',
  // Toasts hide after a while or when the center is open; the center keeps them.
  '.notifications-center .notification-list-item-message',
].join(', ');

/** Messages of all notifications currently in the DOM (toasts and the open center). */
export async function readNotifications(page: Page): Promise<string[]> {
  const texts = await page.locator(MESSAGE_SELECTOR).allInnerTexts();
  return [...new Set(texts.map((text) => text.trim()).filter((text) => text.length > 0))];
}

/** Waits for a notification whose message contains/matches `matcher`; returns its text. */
export async function waitForNotification(page: Page, matcher: TextMatcher, timeoutMs = 15_000): Promise<string> {
  return pollUntil(async () => (await readNotifications(page)).find((text) => matches(text, matcher)), {
    timeoutMs,
    describe: async () =>
      `no notification matching ${String(matcher)}; visible: ${JSON.stringify(await readNotifications(page))}`,
  });
}

/**
 * Clicks a CodeLens command and clicks again when VS Code answers "Actual command not found": a
 * lens clicked while its provider refreshes still carries the command of the replaced lens, which
 * VS Code no longer knows. `click` finds the lens afresh each time.
 */
export async function clickLensCommand(page: Page, click: () => Promise<void>, attempts = 3): Promise<void> {
  const stale = /Actual command not found/;
  for (let attempt = 1; ; attempt++) {
    await click();
    const answered = await pollUntil(async () => (await readNotifications(page)).some((text) => stale.test(text)) || undefined,
      { timeoutMs: 1_000, describe: async () => 'no stale-lens answer' }).then(() => true, () => false);
    if (!answered) return;
    if (attempt >= attempts) throw new Error(`VS Code kept answering a stale CodeLens after ${attempts} clicks`);
    // Dismiss it so the next answer is the next click's.
    await page.locator('.notification-toast', { hasText: 'Actual command not found' }).locator('.codicon-notifications-clear').first().click().catch(() => undefined);
    await page.waitForTimeout(500);
  }
}
