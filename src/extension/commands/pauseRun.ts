import type { CommandFactory } from './command';
import { liveControlCommand } from './liveControl';

/** Pauses a running run at the next step boundary (its trainer stays loaded). */
export const pauseRun: CommandFactory = (services) => liveControlCommand(services, {
  id: 'ganStudio.pauseRun', purpose: 'pause', eligible: (run) => run.status === 'running', send: (trainer) => trainer.pause(),
});
