import { loadConfigFile } from '../../core/config/parse';
import { isUserError } from '../../core/errors';
import { familyComputeProfile, familyIsAdversarial } from '../../core/families/rules';
import { parseArgs } from '../args';
import type { CommandIO } from './io';

export const validateUsage = 'usage: gan-studio validate <config> [<config> …]';

/** Validates each config; prints a one-line summary per good file and every problem of a bad one. */
export async function validateCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const { positional } = parseArgs(argv, {}, validateUsage);
  if (!positional.length) {
    io.err(validateUsage);
    return 2;
  }
  let failures = 0;
  for (const file of positional) {
    try {
      const { config, hash } = await loadConfigFile(file);
      const family = config.family ? `${config.family.kind} family, ` : '';
      const objective = familyIsAdversarial(config) ? `, ${config.objective.kind} objective` : '';
      // A family with networks of its own (the translators) does not read the model section.
      const model = familyComputeProfile(config) ? 'the family\'s own networks' : `${config.model.kind} model`;
      io.out(`ok  ${file}: ${config.name} — ${family}${config.data.kind} data, ${model}${objective} (hash ${hash})`);
    } catch (error) {
      if (!isUserError(error)) throw error;
      failures++;
      io.err(error.message);
    }
  }
  return failures ? 2 : 0;
}
