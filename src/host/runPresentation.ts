import * as path from 'node:path';
import { adapterShortLabel, backendLine } from '../core/backend/adapterLabel';
import type { RunStatus } from '../core/run/records';
import { translationDirections } from '../core/run/translatorNetworks';
import type { UnreadableRun } from '../core/run/runReader';
import type { RunView } from './runView';

/** A codicon id and the theme colour id that tints it. */
export interface StatusIcon {
  readonly id: string;
  readonly color?: string;
}

/** How the runs view shows a run; the tree maps this 1:1 onto a TreeItem. */
export interface RunPresentation {
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly icon: StatusIcon;
  /** Space-separated flags that menus test with `viewItem =~ /\bflag\b/`. */
  readonly contextValue: string;
}

const statusIcons: Record<RunStatus, StatusIcon> = {
  running: { id: 'sync~spin', color: 'charts.blue' },
  paused: { id: 'debug-pause', color: 'charts.yellow' },
  completed: { id: 'pass', color: 'testing.iconPassed' },
  stopped: { id: 'debug-stop' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  interrupted: { id: 'warning', color: 'charts.orange' },
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * When a run started, as short as tells runs apart in a list: "09:07:57" today, "Dec 5 09:07"
 * this year, "2025-12-05 09:07" before; local time. The full run id (which has the same time in
 * it) is in the tooltip; as a label it is too long for a side bar and gets cut off.
 */
export function shortStartTime(startedAt: string, now: Date): string {
  const started = new Date(startedAt);
  if (Number.isNaN(started.getTime())) return startedAt;
  const two = (value: number) => String(value).padStart(2, '0');
  const clock = `${two(started.getHours())}:${two(started.getMinutes())}`;
  if (started.toDateString() === now.toDateString()) return `${clock}:${two(started.getSeconds())}`;
  if (started.getFullYear() === now.getFullYear()) return `${MONTHS[started.getMonth()]} ${started.getDate()} ${clock}`;
  return `${started.getFullYear()}-${two(started.getMonth() + 1)}-${two(started.getDate())} ${clock}`;
}

export function presentRun(run: RunView, now = new Date()): RunPresentation {
  const progress = `${run.step}/${run.totalSteps}`;
  const losses = headlineText(run);
  const speed = run.status === 'running' && run.stepsPerSecond ? ` · ${formatRate(run.stepsPerSecond)} it/s` : '';
  const tooltip = [
    `${run.runId} — ${run.status}`,
    `step ${progress}${run.checkpointStep !== undefined ? ` (checkpoint at ${run.checkpointStep})` : ''}`,
    ...(run.headline ? [run.headlineSpec.long.map((label, i) => `${label} ${formatLoss(run.headline![i]!)}`).join(', ')] : []),
    ...(run.backend ? [backendLine(run.backend, run.adapter)] : []),
    ...(run.configFile ? [`config: ${run.configFile}`] : []),
    `started ${run.startedAt}`,
    ...(run.error ? [run.error] : []),
    run.dir,
  ].join('\n');
  return {
    label: `${run.name} · ${shortStartTime(run.startedAt, now)}`,
    description: `${run.status} ${progress}${losses}${speed}`,
    tooltip,
    icon: statusIcons[run.status],
    contextValue: runFlags(run).join(' '),
  };
}

/** A run folder that cannot be read: named by its folder (nothing from its run.json is shown), with why. */
export function presentUnreadableRun(run: UnreadableRun): RunPresentation {
  return {
    label: path.basename(run.dir),
    description: 'unreadable',
    tooltip: `${run.reason}\n${run.dir}`,
    icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
    contextValue: 'unreadable',
  };
}

/** What can be done with a run, as menu flags. */
export function runFlags(run: RunView): string[] {
  const flags = ['run'];
  if (run.live) flags.push('live', run.status === 'paused' ? 'paused' : 'training');
  else flags.push('idle');
  if (run.checkpointStep !== undefined) {
    flags.push('checkpoint');
    if (!run.live) flags.push('resumable');
    // A network the run learned to encode with: the Encode command applies.
    if (run.networks?.includes('encoder')) flags.push('encoder');
    // A translator (CycleGAN, pix2pix): the Translate Images command applies.
    if (translationDirections(run.networks).length > 0) flags.push('translator');
  }
  return flags;
}

/** " · D 0.693 G 0.712": the run's headline pair by their short labels, or nothing before its first logged step. */
export function headlineText(run: Pick<RunView, 'headline' | 'headlineSpec'>): string {
  const { headline } = run;
  if (!headline) return '';
  const [first, second] = run.headlineSpec.short;
  return ` · ${first} ${formatLoss(headline[0])} ${second} ${formatLoss(headline[1])}`;
}

export function formatLoss(value: number): string {
  return Math.abs(value) >= 100 || (Math.abs(value) < 0.01 && value !== 0) ? value.toExponential(2) : value.toFixed(3);
}

export function formatRate(stepsPerSecond: number): string {
  return stepsPerSecond >= 10 ? stepsPerSecond.toFixed(0) : stepsPerSecond.toFixed(1);
}

/** The status bar text for the runs this window trains (undefined hides the item). */
export function statusBarText(live: readonly RunView[]): { text: string; tooltip: string; run: RunView } | undefined {
  const [first] = live;
  if (!first) return undefined;
  const icon = first.status === 'paused' ? '$(debug-pause)' : '$(sync~spin)';
  const rate = first.status === 'running' && first.stepsPerSecond ? ` · ${formatRate(first.stepsPerSecond)} it/s` : first.status === 'paused' ? ' · paused' : '';
  const adapter = first.adapter ? ` · ${adapterShortLabel(first.adapter)}` : '';
  const more = live.length > 1 ? ` (+${live.length - 1})` : '';
  const backend = (run: RunView) => run.backend && run.adapter ? ` · ${backendLine(run.backend, run.adapter)}` : '';
  // A name is the user's text, an adapter's the driver's: "$(" in them must not turn into an icon.
  const words = `${first.name} ${first.step}/${first.totalSteps}${rate}${adapter}`.replaceAll('$(', '$\u200b(');
  return {
    text: `${icon} ${words}${more}`,
    tooltip: [...live.map((run) => `${run.runId}: ${run.status} ${run.step}/${run.totalSteps}${backend(run)}`), 'Click to open the dashboard'].join('\n'),
    run: first,
  };
}
