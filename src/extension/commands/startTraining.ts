import type { StartRequest } from '../../host/runManager';
import type { Services } from '../services';

/** Starts a trainer and, once it reports its run folder, opens that run's panel beside the editor. */
export function startTraining(services: Services, request: StartRequest): void {
  const run = services.manager.start(request);
  const subscription = services.manager.on((event) => {
    if (event.run !== run) return;
    if (event.type === 'event' && event.event.type === 'started') services.dashboards.open(event.event.runDir);
    if (event.type === 'ended' || (event.type === 'event' && event.event.type === 'started')) subscription.dispose();
  });
}
