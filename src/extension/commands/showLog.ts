import type { CommandFactory } from './command';

/** Shows the GAN Studio output channel (trainer logs). */
export const showLog: CommandFactory = (services) => ({
  id: 'ganStudio.showLog',
  execute: () => services.log.show(),
});
