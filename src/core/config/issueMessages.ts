import type { z } from 'zod';
import { cutShort } from '../errors';
import { choiceName, describeFound, listChoices, showValue } from './describeValue';
import { ganConfigJsonSchema } from './jsonSchema';
import type { JsonSchema } from './jsonSchema';
import { fieldNames, kindOf, memberFor, schemaNodeAt, unionMembers, valueAt } from './schemaLookup';
import type { Anchor, FieldPath } from './sourceMap';
import { closestName } from './suggest';

type ZodIssue = z.core.$ZodIssue;

/** A validation issue with its message, before it is given a position in the source. */
export interface UnplacedIssue {
  readonly path: FieldPath;
  readonly message: string;
  readonly anchor: Anchor;
  /** The name the user probably meant ("did you mean"), for the anchored key or value. */
  readonly suggestion?: string;
}

/** A message and, when a close allowed name exists, the name it suggests. */
interface Described {
  readonly message: string;
  readonly suggestion?: string;
}

/**
 * Turns zod's issues on `input` into messages that quote what was found and say what is allowed.
 * zod's own messages ("Invalid input: expected int, received number") name neither.
 */
export function describeZodIssues(issues: readonly ZodIssue[], input: unknown): UnplacedIssue[] {
  return issues.flatMap((issue): UnplacedIssue[] => {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      // One issue per key, each pointing at its own key in the source; what the mapping allows is looked up once.
      const describe = unknownFieldDescriber(path, input);
      return issue.keys.map((key) => ({ path: [...path, key], ...describe(key), anchor: 'key' }));
    }
    return [{ path, ...messageFor(issue, path, input), anchor: 'value' }];
  });
}

function messageFor(issue: ZodIssue, path: FieldPath, input: unknown): Described {
  const found = valueAt(input, path);
  const kinds = discriminatorOptions(issue);
  if (found === undefined && path.length > 0) {
    return { message: `missing required field '${String(path[path.length - 1])}'${kinds ? ` (allowed: ${listChoices(kinds)})` : ''}` };
  }
  if (issue.code === 'invalid_value') return choiceMessage(issue.values, found);
  if (issue.code === 'invalid_union' && kinds) return choiceMessage(kinds, found);
  return { message: plainMessage(issue, path, input, found) };
}

function plainMessage(issue: ZodIssue, path: FieldPath, input: unknown, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(issue.expected, path, input, found);
    case 'too_small':
    case 'too_big':
      return boundsMessage(issue, path, input, found);
    case 'invalid_format':
      return `${issue.message}, found ${showValue(found)}`;
    default:
      return issue.message;
  }
}

/** The values a discriminated union's `kind` may take, when that is what the issue is about. */
function discriminatorOptions(issue: ZodIssue): readonly unknown[] | undefined {
  return issue.code === 'invalid_union' && 'options' in issue ? issue.options : undefined;
}

const TYPE_NOUNS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (field: value lines)',
};

function typeMessage(expected: string, path: FieldPath, input: unknown, found: unknown): string {
  if (path.length === 0) return `a config must be a mapping of fields such as name: and data:, found ${describeFound(found)}`;
  const node = schemaNodeAt(ganConfigJsonSchema(), path, input);
  if (node?.type === 'integer' || node?.type === 'number') {
    // A number fails a type check only by not being an integer; state the whole rule either way.
    return typeof found === 'number' ? `must be ${numberRule(node)}, found ${found}` : `expected ${numberRule(node)}, found ${describeFound(found)}`;
  }
  const kinds = node ? unionMembers(node).map(kindOf) : [];
  if (kinds.length) return `expected a mapping with a kind field (kinds: ${listChoices(kinds)}), found ${describeFound(found)}`;
  return `expected ${TYPE_NOUNS[expected] ?? expected}, found ${describeFound(found)}`;
}

type BoundsIssue = Extract<ZodIssue, { code: 'too_small' | 'too_big' }>;

function boundsMessage(issue: BoundsIssue, path: FieldPath, input: unknown, found: unknown): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string' && typeof found === 'string') {
    if (small && limit === 1) return 'must not be empty';
    return `must be ${small ? 'at least' : 'at most'} ${limit} characters long, found ${found.length}`;
  }
  if (issue.origin === 'array' && Array.isArray(found)) {
    const count = found.length === 0 ? 'an empty list' : `${found.length}`;
    return `must list ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}, found ${count}`;
  }
  // The schema knows both bounds and whether it wants an integer; the issue only the broken bound.
  const node = schemaNodeAt(ganConfigJsonSchema(), path, input);
  return typeof found === 'number' && node ? `must be ${numberRule(node)}, found ${found}` : issue.message;
}

/** "an integer between 1 and 16", "a number > 0 and ≤ 10", "an integer ≥ 1". */
function numberRule(node: JsonSchema): string {
  const kind = node.type === 'integer' ? 'an integer' : 'a number';
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = node;
  if (minimum !== undefined && maximum !== undefined) return `${kind} between ${minimum} and ${maximum}`;
  const lower = typeof exclusiveMinimum === 'number' ? `> ${exclusiveMinimum}` : minimum !== undefined ? `≥ ${minimum}` : '';
  const upper = typeof exclusiveMaximum === 'number' ? `< ${exclusiveMaximum}` : maximum !== undefined ? `≤ ${maximum}` : '';
  const bounds = [lower, upper].filter(Boolean).join(' and ');
  return bounds ? `${kind} ${bounds}` : kind;
}

function choiceMessage(values: readonly unknown[], found: unknown): Described {
  const guess = typeof found === 'string' ? closestName(found, values.map(choiceName)) : undefined;
  const message = `found ${showValue(found)}, allowed: ${listChoices(values)}`;
  return guess ? { message: `${message}; did you mean '${guess}'?`, suggestion: guess } : { message };
}

function unknownFieldDescriber(path: FieldPath, input: unknown): (key: string) => Described {
  const node = schemaNodeAt(ganConfigJsonSchema(), path, input);
  const own = node && memberFor(node, valueAt(input, path));
  const allowed = own ? fieldNames(own) : [];
  const allowedList = allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
  const others = node ? unionMembers(node).filter((member) => member !== own) : [];
  return (key) => {
    const shown = cutShort(key);
    const message = `unknown field '${shown}'${allowedList}`;
    const kindsWithKey = others.filter((member) => fieldNames(member).includes(key)).map(kindOf);
    if (kindsWithKey.length) return { message: `${message}; '${shown}' is only for kind ${listChoices(kindsWithKey)}` };
    const guess = closestName(key, allowed);
    return guess ? { message: `${message}; did you mean '${guess}'?`, suggestion: guess } : { message };
  };
}
