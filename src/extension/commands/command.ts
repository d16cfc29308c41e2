import * as vscode from 'vscode';
import { errorMessage, isUserError } from '../../core/errors';
import type { Services } from '../services';

/** One command: its contributed id and what it does. Arguments come from menus, CodeLens or other commands. */
export interface Command {
  readonly id: string;
  execute(...args: unknown[]): Promise<unknown> | unknown;
}

export type CommandFactory = (services: Services) => Command;

/**
 * Registers a command so that a problem the user can fix shows as a plain message, and anything
 * else as an error pointing at the log, never an unhandled rejection.
 */
export function registerCommand(command: Command, services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
    try {
      return await command.execute(...args);
    } catch (error) {
      if (isUserError(error)) {
        void vscode.window.showErrorMessage(`GAN Studio: ${error.message}`);
        return undefined;
      }
      services.log.channel.error(`${command.id} failed`, error instanceof Error ? error : new Error(String(error)));
      const choice = await vscode.window.showErrorMessage(`GAN Studio: ${command.id} failed: ${errorMessage(error)}`, 'Show Log');
      if (choice) services.log.show();
      return undefined;
    }
  });
}
