import * as vscode from 'vscode';
import { diagnosticHeadline, evaluationSummary } from '../core/eval/reportText';
import { DisposableOwner } from '../core/util/disposable';
import { runDisplayName, type RunManager, type RunManagerEvent } from '../host/runManager';

/** The "GAN Studio" output channel: what each trainer did and printed, one line per fact. */
export class OutputLog extends DisposableOwner {
  readonly channel = this.register(vscode.window.createOutputChannel('GAN Studio', { log: true }));

  constructor(manager: RunManager) {
    super();
    this.register(manager.on((event) => this.write(event)));
  }

  show(): void {
    this.channel.show(true);
  }

  private write(update: RunManagerEvent): void {
    const name = runDisplayName(update.run);
    const log = this.channel;
    if (update.type === 'log') return log.info(`[${name}] ${update.line}`);
    if (update.type === 'ended') {
      const { outcome } = update;
      if (outcome.kind === 'finished') return log.info(`[${name}] ended ${outcome.info.status} at step ${outcome.info.step}`);
      return log.error(`[${name}] ${outcome.message}`);
    }
    const { event } = update;
    switch (event.type) {
      case 'started':
        log.info(`[${name}] ${event.resumed ? 'resumed' : 'started'} at step ${event.step}/${event.totalSteps} in ${event.runDir}`);
        log.info(`[${name}] backend ${event.backend.backend}: ${event.backend.reason}`);
        return log.info(`[${name}] data: ${event.dataset}`);
      case 'checkpoint':
        return log.info(`[${name}] checkpoint at step ${event.step}`);
      case 'status':
        if (event.status === 'failed') return log.error(`[${name}] failed at step ${event.step}: ${event.error ?? 'no reason given'}`);
        return log.info(`[${name}] ${event.status} at step ${event.step}${event.error ? `: ${event.error}` : ''}`);
      case 'evaluation':
        return log.info(`[${name}] evaluation at step ${event.record.step}: ${evaluationSummary(event.record)}`);
      case 'diagnostic':
        if (event.record.state === 'cleared') return log.info(`[${name}] ${diagnosticHeadline(event.record)}`);
        return log.warn(`[${name}] ${diagnosticHeadline(event.record)} Remedies: ${event.record.remedies.join('; ')}`);
      case 'progress':
        return log.trace(`[${name}] step ${event.step}/${event.totalSteps} ${event.headlineLabels[0]} ${event.headline[0]} ${event.headlineLabels[1]} ${event.headline[1]} ${event.stepsPerSecond} it/s`);
      default:
        return;
    }
  }
}
