// Screenshots into an artifacts folder, numbered so that a directory listing shows them
// in the order they were taken.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from './playwright';

const counters = new Map<string, number>();

export async function takeScreenshot(page: Page, artifactsDir: string, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const index = (counters.get(artifactsDir) ?? 0) + 1;
  counters.set(artifactsDir, index);
  const safeName = name.replace(/[^A-Za-z0-9._-]+/g, '-');
  const file = path.join(artifactsDir, `${String(index).padStart(2, '0')}-${safeName}.png`);
  await page.screenshot({ path: file });
  return file;
}
