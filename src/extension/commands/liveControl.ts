import type { RunView } from '../../host/runView';
import type { Services } from '../services';
import type { Command } from './command';
import { resolveRun } from './runTarget';

/** Pause, Resume and Stop: the same shape, a different control sent to the run's trainer. */
export function liveControlCommand(services: Services, spec: {
  id: string; purpose: string; eligible: (run: RunView) => boolean; send: (control: { pause(): void; resume(): void; stop(): void }) => void;
}): Command {
  return {
    id: spec.id,
    async execute(arg?: unknown) {
      const run = await resolveRun(services.runs, arg, (candidate) => candidate.live && spec.eligible(candidate), spec.purpose);
      const active = run && services.manager.byDir(run.dir);
      if (active) spec.send(active.client);
    },
  };
}
