import * as path from 'node:path';
import { UserError } from '../errors';
import { writeFileAtomic } from '../run/atomicFile';
import { encodeRun, type EncodedData, type EncodeRequest } from './encodeRun';

/** Which formats codes are written in, by the output file's extension. */
export type CodesFormat = 'csv' | 'json';

export function codesFormat(file: string): CodesFormat | undefined {
  const lower = file.toLowerCase();
  return lower.endsWith('.csv') ? 'csv' : lower.endsWith('.json') ? 'json' : undefined;
}

/**
 * Codes as a file other tools read: CSV with a header row (index, label and class name when known,
 * z0…zN), or JSON with the same columns plus what was encoded and from which step.
 */
export function codesText(encoded: EncodedData, format: CodesFormat, runDir: string): string {
  const { count, width, codes, indices, labels, classNames } = encoded;
  const row = (i: number) => Array.from(codes.subarray(i * width, (i + 1) * width), (value) => Number(value.toPrecision(6)));
  if (format === 'json') {
    return `${JSON.stringify({
      run: runDir, step: encoded.step, source: encoded.description, count, width,
      examples: Array.from({ length: count }, (_, i) => ({
        index: indices[i], ...(labels ? { label: labels[i], ...(classNames ? { className: classNames[labels[i]!] } : {}) } : {}), z: row(i),
      })),
    })}\n`;
  }
  const header = ['index', ...(labels ? ['label', ...(classNames ? ['class'] : [])] : []), ...Array.from({ length: width }, (_, j) => `z${j}`)];
  const lines = Array.from({ length: count }, (_, i) => [
    String(indices[i]), ...(labels ? [String(labels[i]), ...(classNames ? [csvField(classNames[labels[i]!] ?? '')] : [])] : []), ...row(i).map(String),
  ].join(','));
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

/** A CSV field, quoted when it holds a separator, quote or line break (class names come from folder names). */
function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Encodes as `request` says and writes the codes to `outFile`, in the format its extension names (the CLI's and VS Code's Encode). */
export async function encodeToFile(request: EncodeRequest & { readonly outFile: string }): Promise<{ file: string; count: number; description: string; step: number }> {
  const format = codesFormat(request.outFile);
  if (!format) throw new UserError(`the codes file must end in .csv or .json, found ${path.basename(request.outFile)}`, request.outFile);
  const encoded = await encodeRun(request);
  await writeFileAtomic(request.outFile, codesText(encoded, format, path.resolve(request.runDir)));
  return { file: request.outFile, count: encoded.count, description: encoded.description, step: encoded.step };
}
