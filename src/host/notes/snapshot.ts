import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../core/errors';
import { JsonLinesFollower } from '../../core/run/jsonLinesFollower';
import { runFiles } from '../../core/run/layout';
import { isMetricsRecord, type MetricsRecord } from '../../core/run/records';
import { listStepEntries } from '../../core/run/runReader';
import { headlineValues, type HeadlineSpec } from '../../core/families/catalogue';
import { headlineText } from '../runPresentation';
import { defaultHistoryLimits } from '../runHistories';

/** A sample grid to copy next to a note, and the markdown that shows it. */
export interface SnapshotPlan {
  readonly source: string;
  readonly target: string;
  readonly step: number;
  /** The image link and a one-line caption, ready to insert. */
  readonly markdown: string;
}

export interface SnapshotRequest {
  readonly runDir: string;
  readonly runId: string;
  /** The grid of this step; the newest when undefined. */
  readonly step?: number;
  readonly noteFile: string;
  /** Folder for snapshots, relative to the note (setting ganStudio.notes.snapshotFolder). */
  readonly folder: string;
  readonly now: Date;
  /** The run's headline pair, for the caption (RunView.headlineSpec). */
  readonly headline: HeadlineSpec;
}

/**
 * Plans a snapshot: which saved grid, where its copy goes (`<note dir>/<folder>/<runId>-step-N.png`)
 * and the markdown (`![runId · step N](folder/file.png)` and a caption with the losses and date).
 * The copy makes the note a permanent record that renders anywhere, run folder or not.
 */
export async function planSnapshot(request: SnapshotRequest): Promise<SnapshotPlan> {
  const grids = await listStepEntries(path.join(request.runDir, runFiles.samples));
  const grid = request.step === undefined ? grids.at(-1) : grids.find((entry) => entry.step === request.step);
  if (!grid) {
    throw new UserError(request.step === undefined
      ? `${request.runId} has no sample grid yet: train it a little first`
      : `${request.runId} has no sample grid at step ${request.step} (it keeps ${grids.map((entry) => entry.step).join(', ') || 'none'})`, request.runDir);
  }
  const folder = request.folder.trim() || '.';
  const fileName = `${request.runId}-step-${grid.step}.png`;
  const target = path.resolve(path.dirname(request.noteFile), folder, fileName);
  const link = path.relative(path.dirname(request.noteFile), target).split(path.sep).map(encodeURIComponent).join('/');
  const atStep = await lastRecordUpTo(path.join(request.runDir, runFiles.metrics), grid.step);
  const values = atStep && headlineValues({ headline: request.headline.names }, atStep);
  const headlineSpec = { ...request.headline, short: [markdownText(request.headline.short[0]), markdownText(request.headline.short[1])] as const };
  const losses = headlineText({ headlineSpec, ...(values ? { headline: values } : {}) });
  const date = request.now.toISOString().slice(0, 10);
  const title = `${request.runId} · step ${grid.step}`;
  return {
    source: grid.path, target, step: grid.step,
    // The caption is a paragraph of its own, under the image rather than beside it.
    markdown: `![${title}](${link})\n\n*${title}${losses} · ${date}*\n`,
  };
}

/**
 * The last metrics line at or before `step`, read in chunks from as much of the file's end as a
 * dashboard reads (a grid worth a snapshot is recent; a caption without losses beats a frozen host).
 */
async function lastRecordUpTo(file: string, step: number): Promise<MetricsRecord | undefined> {
  let found: MetricsRecord | undefined;
  for await (const batch of new JsonLinesFollower(file, isMetricsRecord, { maxBytes: defaultHistoryLimits.fileBytes }).read()) {
    for (const record of batch.records) if (record.step <= step) found = record;
  }
  return found;
}

/** Text as markdown shows it literally: labels come from run.json, which anyone may write. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (char) => `\\${char}`);
}

/** Copies the grid; an existing copy of the same run and step is replaced (it is the same grid). */
export async function copySnapshot(plan: SnapshotPlan): Promise<void> {
  await fs.promises.mkdir(path.dirname(plan.target), { recursive: true });
  await fs.promises.copyFile(plan.source, plan.target);
}
