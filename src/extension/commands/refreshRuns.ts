import type { CommandFactory } from './command';

/** Re-reads every runs directory (the view also refreshes by itself when runs change on disk). */
export const refreshRuns: CommandFactory = (services) => ({
  id: 'ganStudio.refreshRuns',
  execute: () => services.runs.refresh(),
});
