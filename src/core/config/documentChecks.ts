import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { ConfigIssue } from '../errors';
import { MAX_CONFIG_DEPTH, NESTED_TOO_DEEP } from './limits';
import type { FieldPath, SourceMap } from './sourceMap';

interface Visit {
  readonly node: Node;
  readonly path: FieldPath;
  readonly depth: number;
}

/**
 * Duplicate keys and nesting beyond MAX_CONFIG_DEPTH, found in one pass over the parsed document
 * without recursion. The yaml package's own duplicate check compares each key with every earlier
 * key of its mapping, which takes minutes for a mapping of 40,000 keys, so it is turned off and
 * done here with one set per mapping.
 */
export function documentIssues(doc: Document, source: SourceMap): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const pending: Visit[] = isNode(doc.contents) ? [{ node: doc.contents, path: [], depth: 1 }] : [];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { node, path, depth } = visit;
    if (depth > MAX_CONFIG_DEPTH && (isMap(node) || isSeq(node))) {
      // One issue says it all; the rest of the document is not read further.
      return [{ path, message: NESTED_TOO_DEEP, ...where(source, node) }];
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const { key, value } of node.items) {
        const name = isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number') ? key.value : undefined;
        const identity = isScalar(key) ? `${typeof key.value}:${String(key.value)}` : undefined;
        if (identity !== undefined && seen.has(identity)) {
          issues.push({ path: name === undefined ? path : [...path, name], message: 'duplicate field: it is already set earlier in this mapping', ...where(source, key) });
        }
        if (identity !== undefined) seen.add(identity);
        if (isNode(key) && !isScalar(key)) pending.push({ node: key, path, depth: depth + 1 });
        if (isNode(value)) pending.push({ node: value, path: name === undefined ? path : [...path, name], depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (isNode(item)) pending.push({ node: item, path: [...path, index], depth: depth + 1 });
      });
    }
  }
  return issues;
}

function where(source: SourceMap, node: unknown) {
  const range = isNode(node) ? node.range : undefined;
  return range ? source.rangeOf(range[0], range[1]) : source.rangeOf(0, 0);
}
