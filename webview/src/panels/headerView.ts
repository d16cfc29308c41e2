import { adapterDetails, backendLine } from '../../../src/core/backend/adapterLabel';
import type { DashboardToHost, RunHeader } from '../../../src/protocol/dashboardMessages';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { button } from '../ui/button';
import { element, setHidden, setText } from '../ui/dom';
import { formatCount, formatDuration, formatRate } from '../ui/format';

type Post = (message: DashboardToHost) => void;

/** The speeds on offer, in steps a second ('0': as fast as it trains). */
const SPEEDS: readonly (readonly [string, string])[] = [['0', 'full'], ['20', '20 steps/s'], ['5', '5 steps/s'], ['1', '1 step/s']];

/** The run's identity and progress, its error if any, and the controls that apply to it now. */
export class HeaderView implements DashboardView {
  private readonly name = element('h1', { className: 'run-name' });
  private readonly runId = element('span', { className: 'run-id' });
  private readonly status = element('span', { className: 'status-badge', attributes: { role: 'status' } });
  /** Beside the status: what other views flag about the run (the diagnostics badge). */
  readonly indicators = element('span', { className: 'run-indicators' });
  private readonly backend = element('span', { className: 'meta-item run-backend' });
  private readonly progress = element('span', { className: 'meta-item' });
  private readonly rate = element('span', { className: 'meta-item' });
  private readonly eta = element('span', { className: 'meta-item' });
  private readonly error = element('div', { className: 'error-banner', attributes: { role: 'alert' } });
  private readonly pause: HTMLElement;
  /** One Resume, two meanings: a paused trainer goes on, or a run no trainer runs continues from its checkpoint in a new one. */
  private readonly resume: HTMLElement;
  private resumeMessage: DashboardToHost = { type: 'control', action: 'resume' };
  private readonly stop: HTMLElement;
  /** GAN Lab's step buttons: a paused run trains one (or ten) steps, then pauses again. */
  private readonly stepOne: HTMLElement;
  private readonly stepTen: HTMLElement;
  private readonly snapshot: HTMLElement;
  private readonly openFolder: HTMLElement;
  /** GAN Lab's speed: full, or a few steps a second to watch the game unfold. */
  private readonly speed = element('select', { className: 'speed-select', attributes: { 'aria-label': 'Training speed', title: 'Slow training down to watch each step (results are unchanged)' } },
    SPEEDS.map(([value, label]) => element('option', { text: label, attributes: { value } })));
  private readonly speedLabel: HTMLElement;
  /** The run's step: what "Snapshot to note" inserts when no sample grid is on show. */
  private currentStep = 0;

  constructor(parent: HTMLElement, post: Post, shownSampleStep: () => number | undefined) {
    this.pause = button('Pause', 'Pause training', () => post({ type: 'control', action: 'pause' }));
    this.resume = button('Resume', 'Resume training', () => post(this.resumeMessage));
    this.stop = button('Stop', 'Stop training', () => post({ type: 'control', action: 'stop' }), true);
    this.stepOne = button('Step', 'Train one step (D, then G), then pause again', () => post({ type: 'advance', steps: 1 }), true);
    this.stepTen = button('+10 Steps', 'Train ten steps, then pause again', () => post({ type: 'advance', steps: 10 }), true);
    this.snapshot = button('Snapshot to note', 'Insert the shown sample grid and charts into the note', () => {
      post({ type: 'snapshotToNote', step: shownSampleStep() ?? this.currentStep });
    }, true);
    this.openFolder = button('Open Run Folder', 'Reveal the run folder', () => post({ type: 'openRunFolder' }), true);
    this.speed.addEventListener('change', () => {
      const stepsPerSecond = Number(this.speed.value);
      post(stepsPerSecond > 0 ? { type: 'pace', stepsPerSecond } : { type: 'pace' });
    });
    this.speedLabel = element('label', { className: 'control speed' }, [document.createTextNode('Speed '), this.speed]);
    const title = element('div', { className: 'run-title' }, [this.name, this.status, this.indicators, this.runId]);
    const meta = element('div', { className: 'run-meta' }, [this.progress, this.rate, this.eta, this.backend]);
    const actions = element('div', { className: 'run-actions', attributes: { role: 'toolbar', 'aria-label': 'Run controls' } },
      [this.speedLabel, this.pause, this.resume, this.stepOne, this.stepTen, this.stop, this.snapshot, this.openFolder]);
    parent.append(element('header', { className: 'run-header' },
      [element('div', { className: 'run-summary' }, [title, meta]), actions]), this.error);
    // Nothing applies until the first snapshot says what the run is.
    for (const hidden of [this.error, this.speedLabel, this.pause, this.resume, this.stepOne, this.stepTen, this.stop, this.snapshot]) hidden.hidden = true;
  }

  render(state: DashboardState, changes: StateChanges): void {
    const header = state.header;
    if (!changes.header) return;
    if (state.unreadable !== undefined) return this.showUnreadable(state.unreadable);
    if (header === undefined) return;
    this.currentStep = header.step;
    setText(this.name, header.name || header.runId);
    setText(this.runId, header.name && header.name !== header.runId ? header.runId : '');
    setText(this.status, header.status);
    this.status.dataset.status = header.status;
    setText(this.progress, `step ${formatCount(header.step)} / ${formatCount(header.totalSteps)}`);
    setText(this.rate, header.stepsPerSecond === undefined ? '' : `${formatRate(header.stepsPerSecond)} it/s`);
    setText(this.eta, header.etaSeconds === undefined || header.status !== 'running' ? '' : `ETA ${formatDuration(header.etaSeconds)}`);
    this.showBackend(header);
    setText(this.error, header.error ?? '');
    setHidden(this.error, header.error === undefined || header.error === '');
    this.showControls(header, state.canSnapshotToNote);
  }

  /** "backend: webgpu · NVIDIA H100 PCIe (nvidia, hopper)", the adapter's facts in its tooltip; "backend: wasm" alone. */
  private showBackend(header: RunHeader): void {
    setText(this.backend, header.backend === undefined ? '' : backendLine(header.backend, header.adapter));
    if (header.backend !== undefined && header.adapter) this.backend.title = adapterDetails(header.adapter);
    else this.backend.removeAttribute('title');
  }

  /** Nothing of the run is shown (its files failed their checks): only why. */
  private showUnreadable(reason: string): void {
    setText(this.name, 'This run cannot be read');
    setText(this.status, 'unreadable');
    this.status.dataset.status = 'unreadable';
    for (const part of [this.runId, this.progress, this.rate, this.eta, this.backend]) setText(part, '');
    this.backend.removeAttribute('title');
    setText(this.error, reason);
    setHidden(this.error, false);
    for (const control of [this.speedLabel, this.pause, this.resume, this.stepOne, this.stepTen, this.stop, this.snapshot, this.openFolder]) setHidden(control, true);
  }

  private showControls(header: RunHeader, canSnapshotToNote: boolean): void {
    const running = header.live && header.status === 'running';
    const paused = header.live && header.status === 'paused';
    setHidden(this.pause, !running);
    const fromCheckpoint = header.resumableFrom;
    setHidden(this.resume, !paused && fromCheckpoint === undefined);
    this.resumeMessage = paused || fromCheckpoint === undefined ? { type: 'control', action: 'resume' } : { type: 'resumeFromCheckpoint' };
    this.resume.title = paused || fromCheckpoint === undefined ? 'Resume training'
      : `Resume training from the checkpoint of step ${fromCheckpoint}, in a new trainer`;
    setHidden(this.stop, !(running || paused));
    setHidden(this.speedLabel, !(running || paused));
    // The trainer's pace as the host last set it; a speed not on the list shows as full.
    this.speed.value = String(SPEEDS.find(([value]) => Number(value) === (header.pace ?? 0))?.[0] ?? '0');
    setHidden(this.stepOne, !paused);
    setHidden(this.stepTen, !paused);
    setHidden(this.snapshot, !canSnapshotToNote);
    setHidden(this.openFolder, false);
  }
}
