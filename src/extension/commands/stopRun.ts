import type { CommandFactory } from './command';
import { liveControlCommand } from './liveControl';

/** Stops a run at the next step boundary; it saves a checkpoint, so it can be resumed. */
export const stopRun: CommandFactory = (services) => liveControlCommand(services, {
  id: 'ganStudio.stopRun', purpose: 'stop', eligible: () => true, send: (trainer) => trainer.stop(),
});
