import * as vscode from 'vscode';
import * as fs from 'node:fs';
import { DisposableOwner } from '../../core/util/disposable';
import { Throttle } from '../../core/util/throttle';
import type { PreviewSource } from '../../host/notes/previewPlugin';
import { sampleGridFile } from '../../host/sampleGrid';
import { LossSummaries } from '../../host/notes/lossSummary';
import type { LossSeries } from '../../host/notes/sparkline';
import type { RunView } from '../../host/runView';
import type { RunsModel } from '../runsModel';

/** At most one preview refresh this often: a preview re-renders the whole note. */
const REFRESH_MS = 2500;
const SPARKLINE_POINTS = 120;

/**
 * What the markdown preview plugin reads (runs, latest grids, loss curves), kept current without
 * blocking a render: loss curves are bounded summaries read in the background, and previews
 * showing a run refresh when it writes a new grid or changes status.
 */
export class NotePreviews extends DisposableOwner implements PreviewSource {
  /** Run folder → what it looked like when last shown. */
  private readonly shownRuns = new Map<string, string>();
  /** Every run folder seen: a new one may be the first run of a block a preview shows as untrained. */
  private knownRuns = new Set<string>();
  private readonly refresh = this.register(new Throttle(() => void vscode.commands.executeCommand('markdown.preview.refresh'), REFRESH_MS));
  private readonly summaries = new LossSummaries(SPARKLINE_POINTS, () => this.refresh.schedule());

  constructor(private readonly model: RunsModel) {
    super();
    this.register(model.onDidChange(() => this.runsChanged()));
  }

  noteFile(env: unknown): string | undefined {
    // The built-in markdown extension puts the rendered document's vscode.Uri there.
    const document = (env as { currentDocument?: { scheme?: unknown; fsPath?: unknown } } | undefined)?.currentDocument;
    return document?.scheme === 'file' && typeof document.fsPath === 'string' ? document.fsPath : undefined;
  }

  runs(): readonly RunView[] {
    return this.model.runs;
  }

  latestSample(run: RunView): { file: string; step: number } | undefined {
    const file = sampleGridFile(run);
    if (!file || run.sampleStep === undefined || !vscode.workspace.getWorkspaceFolder(vscode.Uri.file(run.dir))) return undefined;
    return { file, step: run.sampleStep };
  }

  losses(run: RunView): LossSeries | undefined {
    const summary = this.summaries.get(run.dir, run.headlineSpec.names);
    return summary?.first.length ? summary : undefined;
  }

  configExists(file: string): boolean {
    return fs.existsSync(file);
  }

  shown(run: RunView, _noteFile: string): void {
    this.shownRuns.set(run.dir, signature(run));
  }

  private runsChanged(): void {
    const dirs = new Set(this.model.runs.map((run) => run.dir));
    if ([...dirs].some((dir) => !this.knownRuns.has(dir))) this.refresh.schedule();
    this.knownRuns = dirs;
    for (const [dir, seen] of this.shownRuns) {
      const run = this.model.find(dir);
      if (!run || signature(run) === seen) continue;
      void this.summaries.load(dir, run.headlineSpec.names).then(() => this.refresh.schedule());
    }
  }
}

/** What a preview shows of a run: a change of any of these is worth a refresh. */
function signature(run: RunView): string {
  return `${run.status}:${run.sampleStep ?? ''}`;
}
