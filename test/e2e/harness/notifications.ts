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
