/** A fenced ```gan block of a markdown note. Lines are 0-based. */
export interface GanBlock {
  /** 0-based among the note's gan blocks, in order. */
  readonly index: number;
  readonly fenceLine: number;
  /** The closing fence's line (the note's last line + 1 when the block is never closed). */
  readonly endLine: number;
  /** Spaces before the opening fence; content lines lose up to that many (CommonMark). */
  readonly indent: number;
  /** The block's content, indentation removed. Its first line is the note's `fenceLine + 1`. */
  readonly text: string;
}

const OPENING = /^( {0,3})(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;

/**
 * The ```gan (or ~~~gan) fences of a note, by CommonMark's fence rules: up to three spaces before
 * the fence, a closing fence of the same character at least as long, an unclosed fence runs to
 * the end of the document.
 */
export function findGanBlocks(markdown: string): GanBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: GanBlock[] = [];
  for (let line = 0; line < lines.length; line++) {
    const opening = OPENING.exec(lines[line] ?? '');
    if (!opening) continue;
    const [, spaces = '', fence = '', info = ''] = opening;
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    let end = line + 1;
    while (end < lines.length && !closing.test(lines[end] ?? '')) end++;
    if (info.toLowerCase() === 'gan') {
      const content = lines.slice(line + 1, end).map((text) => stripIndent(text, spaces.length));
      blocks.push({ index: blocks.length, fenceLine: line, endLine: end, indent: spaces.length, text: content.join('\n') });
    }
    line = end;
  }
  return blocks;
}

function stripIndent(text: string, indent: number): string {
  let removed = 0;
  while (removed < indent && text[removed] === ' ') removed++;
  return text.slice(removed);
}

/** What a block holds: a whole config, or a reference to a config file or to a run. */
export type BlockTarget =
  | { readonly kind: 'config'; readonly name?: string }
  | { readonly kind: 'configFile'; readonly path: string; readonly line: number }
  | { readonly kind: 'run'; readonly ref: string; readonly line: number };

/**
 * A block whose only statement is `config: <path>` or `run: <runId or config name>` is a
 * reference; anything else is a config (validated as one). Comments and blank lines are ignored.
 */
export function blockTarget(block: GanBlock): BlockTarget {
  const statements = block.text.split('\n')
    .map((text, offset) => ({ text: text.trim(), line: block.fenceLine + 1 + offset }))
    .filter((statement) => statement.text && !statement.text.startsWith('#'));
  const [only] = statements;
  const reference = statements.length === 1 && only ? /^(config|run):\s*(.+?)\s*(#.*)?$/.exec(only.text) : null;
  if (only && reference?.[1] && reference[2]) {
    const value = unquote(reference[2]);
    return reference[1] === 'config' ? { kind: 'configFile', path: value, line: only.line } : { kind: 'run', ref: value, line: only.line };
  }
  const name = /^name:\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)/m.exec(block.text)?.[1];
  return name ? { kind: 'config', name } : { kind: 'config' };
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted?.[2] ?? value;
}
