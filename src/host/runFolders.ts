import * as fs from 'node:fs';
import * as path from 'node:path';
import { readLastJsonLine } from '../core/run/jsonLines';
import { runFiles } from '../core/run/layout';
import { isMetricsRecord } from '../core/run/records';
import { isInside, listRuns, type UnreadableRun } from '../core/run/runReader';
import { runViewFromDisk, type RunView, type RunsLocation } from './runView';

/** The workspace's runs, newest first, and the run folders that cannot be shown (with why). */
export interface DiscoveredRuns {
  readonly runs: RunView[];
  readonly unreadable: UnreadableRun[];
}

/** Every run under the workspace folders' runs directories, newest first, from disk alone. */
export async function discoverRunFolders(locations: readonly RunsLocation[]): Promise<DiscoveredRuns> {
  const perLocation = await Promise.all(locations.map(async (location): Promise<DiscoveredRuns> => {
    const escape = await linkOutOfWorkspace(location);
    if (escape) return { runs: [], unreadable: [{ dir: location.runsDir, reason: escape }] };
    const { runs, unreadable } = await listRuns(location.runsDir);
    return {
      runs: await Promise.all(runs.map(async ({ dir, info }) => {
        const metrics = await readLastJsonLine(path.join(dir, runFiles.metrics), isMetricsRecord);
        return runViewFromDisk(dir, info, metrics, location);
      })),
      unreadable,
    };
  }));
  return {
    runs: perLocation.flatMap((found) => found.runs).sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
    unreadable: perLocation.flatMap((found) => found.unreadable),
  };
}

/**
 * Why a runs directory inside the workspace folder is not read: some folder on its way (`.gan`,
 * say) links out of the workspace, so a repository could point the views at any folder on disk. A
 * runs directory set outside the workspace (ganStudio.runsDirectory, which needs trust) is the user's choice.
 */
async function linkOutOfWorkspace(location: RunsLocation): Promise<string | undefined> {
  if (!isInside(location.root, location.runsDir)) return undefined;
  const [root, runsDir] = await Promise.all([realpath(location.root), realpath(location.runsDir)]);
  if (!root || !runsDir || isInside(root, runsDir)) return undefined;
  return `${location.runsDir} links outside the workspace folder ${location.root} (to ${runsDir}); GAN Studio does not follow it`;
}

function realpath(file: string): Promise<string | undefined> {
  return fs.promises.realpath(file).catch(() => undefined);
}
