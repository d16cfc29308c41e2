// playwright-core lives in .work/tools (setup.sh), not in the project's node_modules, so
// it is loaded with a require rooted there. Types come from the same copy through the
// "paths" entry in test/e2e/tsconfig.json; `import type` leaves no runtime import behind.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { TOOLS_DIR, TOOLS_NODE_MODULES, requireInstalled } from './paths';

import type * as PlaywrightModule from 'playwright-core';

export type Playwright = typeof PlaywrightModule;
export type { BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';

let cached: Playwright | undefined;

export function loadPlaywright(): Playwright {
  requireInstalled(path.join(TOOLS_NODE_MODULES, 'playwright-core', 'package.json'));
  cached ??= createRequire(path.join(TOOLS_DIR, 'package.json'))('playwright-core') as Playwright;
  return cached;
}
