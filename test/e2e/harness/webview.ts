// Webview content is two iframes deep: VS Code's outer iframe (class "webview", gets
// "ready" once loaded) hosts an inner #active-frame with the extension's HTML.
import type { FrameLocator, Page } from './playwright';

/** The content frame of the webview that is ready; `index` picks among several. */
export function webviewContent(page: Page, index = 0): FrameLocator {
  return page.locator('iframe.webview.ready').nth(index).contentFrame().frameLocator('#active-frame');
}
