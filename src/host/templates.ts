import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../core/errors';
import { ganConfigSchema } from '../core/config/schema';

/** A built-in example offered by "New Config from Template". */
export interface ConfigTemplate {
  /** The example's file name without `.gan.yaml`, e.g. `ring`. */
  readonly id: string;
  /** The example's opening comment, in one line. */
  readonly description: string;
  readonly text: string;
}

const TEMPLATE_SUFFIX = '.gan.yaml';

/** The shipped examples, one template each, sorted by id. */
export async function listTemplates(examplesDir: string): Promise<ConfigTemplate[]> {
  const names = (await fs.promises.readdir(examplesDir)).filter((name) => name.endsWith(TEMPLATE_SUFFIX)).sort();
  return Promise.all(names.map(async (name) => {
    const text = await fs.promises.readFile(path.join(examplesDir, name), 'utf8');
    return { id: name.slice(0, -TEMPLATE_SUFFIX.length), description: openingComment(text), text };
  }));
}

/** Why a config name is not allowed, or undefined when it is (the schema's own rule). */
export function checkConfigName(name: string): string | undefined {
  const result = ganConfigSchema.shape.name.safeParse(name);
  return result.success ? undefined : result.error.issues[0]?.message ?? 'not a valid config name';
}

/**
 * A template's text for a new config called `name`: the example with its name replaced and its
 * `$schema` line dropped (it points into this repository; the extension contributes the schema
 * for every *.gan.yaml instead). Comments and layout are kept as the example has them.
 */
export function renderTemplate(template: ConfigTemplate, name: string): string {
  const problem = checkConfigName(name);
  if (problem) throw new UserError(`"${name}" cannot be a config name: ${problem}`);
  const lines = template.text.split('\n').filter((line) => !/^\$schema:/.test(line));
  const nameLine = lines.findIndex((line) => /^name:/.test(line));
  if (nameLine < 0) throw new Error(`the ${template.id} template has no top-level name: line`);
  lines[nameLine] = `name: ${name}`;
  return lines.join('\n');
}

/** `<dir>/<name>.gan.yaml`, or with -2, -3… appended when that file exists (never overwrite). */
export function freeConfigPath(dir: string, name: string, exists: (file: string) => boolean = fs.existsSync): string {
  for (let attempt = 1; ; attempt++) {
    const file = path.join(dir, `${attempt === 1 ? name : `${name}-${attempt}`}${TEMPLATE_SUFFIX}`);
    if (!exists(file)) return file;
  }
}

function openingComment(text: string): string {
  const comment: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('$schema:')) continue;
    if (!line.startsWith('#')) break;
    comment.push(line.replace(/^#\s?/, '').trim());
  }
  return comment.join(' ');
}
