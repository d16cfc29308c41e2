import { UserError } from '../core/errors';

export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

/**
 * Parses `--name value`, `--name=value` and bare `--flag` against the options a command accepts,
 * so a typo is reported instead of silently ignored.
 */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, 'value' | 'flag'>>, usage: string): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = splitOnce(arg.slice(2), '=');
    const kind = spec[name];
    if (!kind) {
      const known = Object.keys(spec).map((key) => `--${key}`).join(', ') || 'none';
      throw new UserError(`unknown option --${name} (options: ${known})\n${usage}`);
    }
    if (kind === 'flag') {
      options.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UserError(`--${name} needs a value\n${usage}`);
    options.set(name, value);
  }
  return { positional, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function intOption(args: ParsedArgs, name: string, min: number, max?: number): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    const allowed = max === undefined ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new UserError(`--${name} must be an integer ${allowed}, found '${text}'`);
  }
  return value;
}

export function numberOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UserError(`--${name} must be a number between ${min} and ${max}, found '${text}'`);
  }
  return value;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
