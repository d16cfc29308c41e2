// `npm run bench -- --only dashboard-render`: the webview drawing a 100,000-step run (Chromium, the
// built dist/webview bundle). Prints one `BENCH {json}` line for scripts/bench.ts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium } from './harness/chromium';
import { drawLargeRun } from './harness/largeRun';

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const bundle = path.resolve(__dirname, '../../dist/webview/dashboard.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
  const browser = await launchChromium();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-bench-render-'));
  try {
    const drawing = await drawLargeRun(browser, dir);
    const figures = { rows: drawing.rows, firstMs: drawing.first.total, firstRenderMs: drawing.first.render,
      updateMedianMs: median(drawing.updates), updateRenderMedianMs: median(drawing.renders) };
    console.log(`BENCH ${JSON.stringify(figures)}`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
