import { isMap, isNode, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';

export type FieldPath = readonly (string | number)[];

/** 1-based, end exclusive, like editor diagnostics. */
export interface SourceRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Which part of a `key: value` pair an issue is about. */
export type Anchor = 'key' | 'value';

interface Step {
  readonly key?: Node | undefined;
  readonly value?: Node | undefined;
}

/** Maps field paths and character offsets of a parsed YAML (or JSON) document to line/column ranges. */
export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly text: string,
    /** Lines before the document, e.g. of a markdown note around a fenced config block. */
    private readonly lineOffset = 0,
  ) {}

  /**
   * Where the value (or key) at `path` is written. A path that is not in the document (a missing
   * required field) resolves to the nearest written ancestor's key, so the issue lands on the
   * mapping that lacks the field.
   */
  locate(path: FieldPath, anchor: Anchor): SourceRange {
    const { step, complete } = this.walk(path);
    const preferValue = complete && anchor === 'value' && hasExtent(step.value);
    const node = preferValue ? step.value : step.key ?? step.value;
    return node?.range ? this.rangeOf(node.range[0], node.range[1]) : this.rangeOf(0, 0);
  }

  /**
   * The text that writes `name` in place of the key (or string value) at `path`, in the same style:
   * quoted as the original is (JSON keys and strings are). Undefined unless that key or value is a
   * written string scalar, the only thing a rename can replace.
   */
  renamed(path: FieldPath, anchor: Anchor, name: string): string | undefined {
    const { step, complete } = this.walk(path);
    const node = anchor === 'key' ? step.key : step.value;
    if (!complete || !isScalar(node) || typeof node.value !== 'string' || !hasExtent(node)) return undefined;
    if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(name);
    if (node.type === Scalar.QUOTE_SINGLE) return `'${name.replaceAll("'", "''")}'`;
    return node.type === Scalar.PLAIN ? name : undefined;
  }

  /** The range between two character offsets, trailing whitespace trimmed so it ends on the text. */
  rangeOf(start: number, end: number): SourceRange {
    let trimmedEnd = end;
    while (trimmedEnd > start && /\s/.test(this.text.charAt(trimmedEnd - 1))) trimmedEnd--;
    const from = this.lineCounter.linePos(start);
    const to = this.lineCounter.linePos(trimmedEnd);
    return {
      line: from.line + this.lineOffset,
      column: from.col,
      endLine: to.line + this.lineOffset,
      endColumn: to.col,
    };
  }

  /** Follows `path` as far as the document goes. */
  private walk(path: FieldPath): { step: Step; complete: boolean } {
    let step: Step = { value: nodeOrUndefined(this.doc.contents) };
    for (const segment of path) {
      const next = child(step.value, segment);
      if (!next) return { step, complete: false };
      step = next;
    }
    return { step, complete: true };
  }
}

function child(node: Node | undefined, segment: string | number): Step | undefined {
  if (isMap(node)) {
    const pair = pairsByKey(node).get(String(segment));
    return pair && { key: nodeOrUndefined(pair.key), value: nodeOrUndefined(pair.value) };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNode(item) ? { value: item } : undefined;
  }
  return undefined;
}

/**
 * Each mapping's pairs by key (the first, where a key repeats), built once: locating every issue of
 * a mapping with thousands of unknown keys by scanning it would take time quadratic in its size.
 */
const pairIndex = new WeakMap<YAMLMap, ReadonlyMap<string, Pair>>();

function pairsByKey(map: YAMLMap): ReadonlyMap<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    const built = new Map<string, Pair>();
    for (const pair of map.items) {
      if (isScalar(pair.key) && !built.has(String(pair.key.value))) built.set(String(pair.key.value), pair);
    }
    pairIndex.set(map, built);
    index = built;
  }
  return index;
}

function nodeOrUndefined(value: unknown): Node | undefined {
  return isNode(value) ? value : undefined;
}

/** An empty value (`modes:` with nothing after it) has a zero-length range: point at its key instead. */
function hasExtent(node: Node | undefined): boolean {
  return !!node?.range && node.range[1] > node.range[0];
}
