// The harness in one import: `import { startCodeServer, openBrowser, ... } from './harness'`.
export * from './browser';
export * from './codeServer';
export * from './extensionHostLogs';
export * from './notifications';
export * from './packageExtension';
export * from './paths';
export * from './screenshots';
export * from './statusBar';
export * from './webview';
export * from './workbench';
export * from './ganScript';
export { matches, pollUntil, type TextMatcher } from './waiting';
export type { BrowserContext, FrameLocator, Locator, Page } from './playwright';
