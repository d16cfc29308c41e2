import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import { ConfigError, UserError, errorMessage } from '../errors';
import type { ConfigIssue } from '../errors';
import { formatBytes } from '../util/bytes';
import { describeKind, openForReading } from '../util/regularFile';
import { configHash } from './configHash';
import { migrateConfig } from './configVersion';
import { documentIssues } from './documentChecks';
import { describeZodIssues } from './issueMessages';
import type { UnplacedIssue } from './issueMessages';
import { findJsonSyntaxError } from './jsonSyntax';
import { listedIssues, MAX_ALIAS_COUNT, MAX_CONFIG_BYTES, MAX_LISTED_ISSUES, NESTED_TOO_DEEP } from './limits';
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
  const tooLarge = sizeIssue(Buffer.byteLength(text), options.lineOffset ?? 0);
  if (tooLarge) return { ok: false, issues: [tooLarge] };
  const { doc, source } = readDocument(text, format, options.lineOffset ?? 0);
  const fail = (issues: readonly UnplacedIssue[]): ParseResult => ({ ok: false, issues: placeAll(source, issues) });

  if (doc.contents === null) return fail([{ path: [], message: 'the config is empty: it needs at least name: and data:', anchor: 'value' }]);
  const jsonError = format === 'json' ? findJsonSyntaxError(text) : undefined;
  if (jsonError) {
    const at = source.rangeOf(jsonError.offset, jsonError.offset + 1);
    return { ok: false, issues: [{ path: [], message: `JSON syntax error: ${jsonError.message}`, ...at }] };
  }
  if (doc.errors.length) {
    // Listed in the order found; only those shown are located.
    const shown = doc.errors.slice(0, MAX_LISTED_ISSUES + 1).map((error) => yamlIssue(source, error));
    return { ok: false, issues: listedIssues(shown, doc.errors.length) };
  }
  const structural = documentIssues(doc, source);
  if (structural.length) return { ok: false, issues: listedIssues(structural.sort(byPosition)) };

  let input: unknown;
  try {
    // Each alias expanded counts the nodes it copies; past 100 the document is a "billion laughs"
    // bomb (nine lines can expand to 10⁹ values), refused before it is expanded.
    input = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // An alias to an undefined anchor, or an alias bomb.
    return fail([{ path: [], message: `YAML error: ${errorMessage(error)}`, anchor: 'value' }]);
  }
  const migrated = migrateConfig(input);
  if (!migrated.ok) return fail([{ path: ['configVersion'], message: migrated.message, anchor: 'value' }]);
  const parsed = ganConfigSchema.safeParse(migrated.config);
  if (!parsed.success) return fail(describeZodIssues(parsed.error.issues, input));
  const semantic = semanticIssues(parsed.data);
  if (semantic.length) return fail(semantic.map((issue) => ({ ...issue, anchor: 'value' })));
  return { ok: true, config: parsed.data, hash: configHash(parsed.data) };
}

function readDocument(text: string, format: ConfigFormat, lineOffset: number): { doc: Document; source: SourceMap } {
  const lineCounter = new LineCounter();
  // JSON is YAML, except that YAML forbids tab indentation; strict JSON has no raw tabs inside
  // strings, so turning every tab into a space changes no value and no offset.
  const yamlText = format === 'json' ? text.replaceAll('\t', ' ') : text;
  // Duplicate keys are found by documentIssues, in linear time (see there).
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: false });
  return { doc, source: new SourceMap(doc, lineCounter, yamlText, lineOffset) };
}

/**
 * A ConfigError for problems found after validation (once the data is read), placed at their lines
 * when `file` still holds the config that was validated (the same hash). A gan block in a note, or
 * a file changed since, gets the field paths alone.
 */
export async function configErrorInFile(issues: readonly ConfigIssue[], file: string | undefined, hash: string): Promise<ConfigError> {
  if (file === undefined) return new ConfigError(issues);
  try {
    const text = await readConfigFile(file);
    const parsed = parseConfigText(text, { file });
    if (parsed.ok && parsed.hash === hash) {
      const { source } = readDocument(text, formatOf(file), 0);
      return new ConfigError(issues.map((issue) => ({ ...issue, ...source.locate(issue.path, 'value') })), file);
    }
  } catch (error) {
    // Unreadable now: the issues still name the fields.
    if (!(error instanceof UserError)) throw error;
  }
  return new ConfigError(issues, file);
}

/** Reads and validates a config file; throws ConfigError listing every issue, or UserError if unreadable. */
export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  const file = resolve(path);
  const text = await readConfigFile(file);
  const result = parseConfigText(text, { file });
  if (!result.ok) throw new ConfigError(result.issues, file);
  return { config: result.config, hash: result.hash, file };
}

/**
 * The text of a config file: only a regular file (a device or a FIFO could be read forever) and only
 * up to MAX_CONFIG_BYTES, however large the file claims or grows to be.
 */
async function readConfigFile(file: string): Promise<string> {
  const unreadable = (why: string) => new UserError(`cannot read config file ${file}: ${why}`, file);
  let handle;
  try {
    handle = await openForReading(file);
  } catch (error) {
    throw unreadable(errorMessage(error));
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw unreadable(`it is not a regular file (${describeKind(stats)})`);
    const tooLarge = sizeIssue(stats.size, 0);
    if (tooLarge) throw new ConfigError([tooLarge], file);
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw unreadable(errorMessage(error));
  } finally {
    await handle.close();
  }
}

function sizeIssue(bytes: number, lineOffset: number): ConfigIssue | undefined {
  if (bytes <= MAX_CONFIG_BYTES) return undefined;
  const line = 1 + lineOffset;
  return {
    path: [], message: `the config is ${formatBytes(bytes)}; a config may be at most ${formatBytes(MAX_CONFIG_BYTES)}`,
    line, column: 1, endLine: line, endColumn: 1,
  };
}

const byPosition = (a: ConfigIssue, b: ConfigIssue) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

/** Positions each issue and orders them as they appear in the text. */
function placeAll(source: SourceMap, issues: readonly UnplacedIssue[]): ConfigIssue[] {
  return listedIssues(issues
    .map(({ path, message, anchor, suggestion }): ConfigIssue => {
      const text = suggestion === undefined ? undefined : source.renamed(path, anchor, suggestion);
      const fix = suggestion !== undefined && text !== undefined ? { fix: { name: suggestion, text } } : {};
      return { path, message, ...source.locate(path, anchor), ...fix };
    })
    .sort(byPosition));
}

function yamlIssue(source: SourceMap, error: YAMLError): ConfigIssue {
  const [start, end] = error.pos;
  const message = error.code === 'MULTIPLE_DOCS' ? 'YAML syntax error: a config file holds one YAML document; remove the second "---"'
    // The yaml package reads nested collections recursively, and says so when it runs out of stack.
    : error.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(error.message) ? NESTED_TOO_DEEP
      : `YAML syntax error: ${lowerFirst(error.message)}`;
  return { path: [], message, ...source.rangeOf(start, end) };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
