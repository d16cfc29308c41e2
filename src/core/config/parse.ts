import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { YAMLError } from 'yaml';
import { ConfigError, UserError, errorMessage } from '../errors';
import type { ConfigIssue } from '../errors';
import { configHash } from './configHash';
import { describeZodIssues } from './issueMessages';
import type { UnplacedIssue } from './issueMessages';
import { findJsonSyntaxError } from './jsonSyntax';
import { ganConfigSchema } from './schema';
import type { GanConfig } from './schema';
import { semanticIssues } from './semantics';
import { SourceMap } from './sourceMap';

export type ConfigFormat = 'yaml' | 'json';

export interface ParseOptions {
  /** Used to pick the format and in messages; the text is not read from it. */
  readonly file?: string;
  /** Default: json for a `.json` file name, else yaml. */
  readonly format?: ConfigFormat;
  /** Lines above the text in its file (a config in a markdown fence); added to every issue line. */
  readonly lineOffset?: number;
}

export type ParseResult =
  | { readonly ok: true; readonly config: GanConfig; readonly hash: string }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export interface LoadedConfig {
  readonly config: GanConfig;
  readonly hash: string;
  /** Absolute path: relative data paths in the config resolve against its folder. */
  readonly file: string;
}

export function formatOf(file: string | undefined): ConfigFormat {
  return file && /\.json$/i.test(file) ? 'json' : 'yaml';
}

/**
 * Parses and validates a config. Never throws for bad input: every problem comes back as an issue
 * with the field path and the 1-based line/column of the text to fix.
 */
export function parseConfigText(text: string, options: ParseOptions = {}): ParseResult {
  const format = options.format ?? formatOf(options.file);
  const lineCounter = new LineCounter();
  // JSON is YAML, except that YAML forbids tab indentation; strict JSON has no raw tabs inside
  // strings, so turning every tab into a space changes no value and no offset.
  const yamlText = format === 'json' ? text.replaceAll('\t', ' ') : text;
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const source = new SourceMap(doc, lineCounter, yamlText, options.lineOffset ?? 0);
  const fail = (issues: readonly UnplacedIssue[]): ParseResult => ({ ok: false, issues: placeAll(source, issues) });

  if (doc.contents === null) return fail([{ path: [], message: 'the config is empty: it needs at least name: and data:', anchor: 'value' }]);
  const jsonError = format === 'json' ? findJsonSyntaxError(text) : undefined;
  if (jsonError) {
    const at = source.rangeOf(jsonError.offset, jsonError.offset + 1);
    return { ok: false, issues: [{ path: [], message: `JSON syntax error: ${jsonError.message}`, ...at }] };
  }
  if (doc.errors.length) return { ok: false, issues: doc.errors.map((error) => yamlIssue(source, error)) };

  let input: unknown;
  try {
    input = doc.toJS();
  } catch (error) {
    // An alias to an undefined anchor, or too many aliases (a "billion laughs" document).
    return fail([{ path: [], message: `YAML error: ${errorMessage(error)}`, anchor: 'value' }]);
  }
  const parsed = ganConfigSchema.safeParse(input);
  if (!parsed.success) return fail(describeZodIssues(parsed.error.issues, input));
  const semantic = semanticIssues(parsed.data);
  if (semantic.length) return fail(semantic.map((issue) => ({ ...issue, anchor: 'value' })));
  return { ok: true, config: parsed.data, hash: configHash(parsed.data) };
}

/** Reads and validates a config file; throws ConfigError listing every issue, or UserError if unreadable. */
export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read config file ${file}: ${errorMessage(error)}`, file);
  }
  const result = parseConfigText(text, { file });
  if (!result.ok) throw new ConfigError(result.issues, file);
  return { config: result.config, hash: result.hash, file };
}

/** Positions each issue and orders them as they appear in the text. */
function placeAll(source: SourceMap, issues: readonly UnplacedIssue[]): ConfigIssue[] {
  return issues
    .map(({ path, message, anchor }) => ({ path, message, ...source.locate(path, anchor) }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

function yamlIssue(source: SourceMap, error: YAMLError): ConfigIssue {
  const [start, end] = error.pos;
  if (error.code === 'DUPLICATE_KEY') {
    return { path: source.pathAt(start), message: 'duplicate field: it is already set earlier in this mapping', ...source.rangeOf(start, end) };
  }
  const message = error.code === 'MULTIPLE_DOCS'
    ? 'a config file holds one YAML document; remove the second "---"'
    : lowerFirst(error.message);
  return { path: [], message: `YAML syntax error: ${message}`, ...source.rangeOf(start, end) };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
