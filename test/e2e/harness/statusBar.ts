// Reading status bar items (window.createStatusBarItem).
import type { Page } from './playwright';
import { SELECTORS } from './workbench';
import { matches, pollUntil, type TextMatcher } from './waiting';

export interface StatusBarItem {
  /** The entry id, e.g. "publisher.extension.itemId" for items created with an id. */
  id: string;
  /** Rendered text; codicons such as $(beaker) render as icons and contribute no text. */
  text: string;
  ariaLabel: string;
}

export async function readStatusBarItems(page: Page): Promise<StatusBarItem[]> {
  return page.locator(`${SELECTORS.statusBar} .statusbar-item`).evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.id,
      text: ((element as HTMLElement).innerText ?? '').trim(),
      ariaLabel: element.querySelector('[aria-label]')?.getAttribute('aria-label') ?? '',
    })),
  );
}

/** Waits for an item whose text (or aria-label) contains/matches `matcher`. */
export async function waitForStatusBarItem(page: Page, matcher: TextMatcher, timeoutMs = 15_000): Promise<StatusBarItem> {
  return pollUntil(
    async () =>
      (await readStatusBarItems(page)).find((item) => matches(item.text, matcher) || matches(item.ariaLabel, matcher)),
    {
      timeoutMs,
      describe: async () =>
        `no status bar item matching ${String(matcher)}; items: ${JSON.stringify((await readStatusBarItems(page)).map((item) => item.text))}`,
    },
  );
}
