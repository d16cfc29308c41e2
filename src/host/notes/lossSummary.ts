import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleJsonLines } from '../../core/run/jsonLinesSample';
import { runFiles } from '../../core/run/layout';
import { openRegularFile } from '../../core/util/regularFile';
import { headlineValues } from '../../core/families/catalogue';
import { isMetricsRecord } from '../../core/run/records';
import { downsample, type LossSeries } from './sparkline';

/** Lines sampled per point drawn: a mean of a few smooths the curve a sample of single lines would show. */
const LINES_PER_POINT = 4;

/**
 * A run's D and G losses for a note's sparkline, at a cost bounded whatever the size of its
 * metrics.jsonl (a note's preview may show any run a repository holds): at most `points` values
 * each, means of evenly spaced lines of the whole file up to its latest line. When lines were
 * left out, `sampledFromBytes` says so. Undefined when there is no file.
 */
export async function readLossSummary(file: string, points: number, names: readonly [string, string]): Promise<LossSeries | undefined> {
  const opened = await openRegularFile(file);
  if (!opened) return undefined;
  await opened.handle.close();
  const size = opened.stats.size;
  const sample = await sampleJsonLines(file, isMetricsRecord, { count: points * LINES_PER_POINT });
  const values = sample.map((record) => headlineValues({ headline: names }, record) ?? [NaN, NaN] as const);
  const first = downsample(values.map((pair) => pair[0]), points);
  const second = downsample(values.map((pair) => pair[1]), points);
  const everyLine = sample.length < points * LINES_PER_POINT;
  return everyLine ? { first, second } : { first, second, sampledFromBytes: size };
}

/**
 * Loss summaries of run folders for a synchronous renderer (markdown-it's): `get` answers at once
 * from the cache and starts a background read of what is missing; `load` reads a run again only
 * when its metrics.jsonl changed size, one read per run at a time, and calls `changed` when a
 * summary did (so the preview re-renders).
 */
export class LossSummaries {
  private readonly cache = new Map<string, { readonly size: number; readonly summary: LossSeries | undefined }>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly points: number, private readonly changed: () => void) {}

  /** The summary of the run in `dir` (its headline metrics `names`), or undefined until it is read. */
  get(dir: string, names: readonly [string, string]): LossSeries | undefined {
    const cached = this.cache.get(dir);
    if (!cached) void this.load(dir, names);
    return cached?.summary;
  }

  load(dir: string, names: readonly [string, string]): Promise<void> {
    const running = this.loading.get(dir);
    if (running) return running;
    const reading = this.read(dir, names).finally(() => this.loading.delete(dir));
    this.loading.set(dir, reading);
    return reading;
  }

  private async read(dir: string, names: readonly [string, string]): Promise<void> {
    const file = path.join(dir, runFiles.metrics);
    const size = await fs.promises.stat(file).then((stat) => (stat.isFile() ? stat.size : -1), () => -1);
    if (this.cache.get(dir)?.size === size) return;
    // An unreadable file draws no curve, as a missing one does.
    const summary = size < 0 ? undefined : await readLossSummary(file, this.points, names).catch(() => undefined);
    this.cache.set(dir, { size, summary });
    this.changed();
  }
}
