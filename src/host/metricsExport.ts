import * as fs from 'node:fs';
import * as path from 'node:path';
import { JsonLinesFollower } from '../core/run/jsonLinesFollower';
import { runFiles } from '../core/run/layout';
import { isMetricsRecord, type MetricsRecord } from '../core/run/records';
import { defaultHistoryLimits } from './runHistories';

export type ExportFormat = 'csv' | 'json';

export interface MetricsExport {
  readonly text: string;
  readonly rows: number;
  /** Bytes at the start of a metrics.jsonl too large to read whole, left out (the export is its latest part). */
  readonly skippedBytes: number;
}

/** Every row has these, first: where and when it was logged (TensorBoard's downloads carry the wall time too). */
const ROW_FIELDS = ['step', 'time', 'elapsedSeconds'] as const;

/**
 * A chart's values as a file: one row per logged step of metrics.jsonl, undecimated and unsmoothed
 * (the chart draws a decimated, smoothed copy), with the step, its time and the seconds since the
 * run began, then `columns` (a metric a row lacks is empty in CSV, absent in JSON).
 */
export async function exportMetrics(runDir: string, columns: readonly string[], format: ExportFormat,
  maxBytes = defaultHistoryLimits.fileBytes): Promise<MetricsExport> {
  const file = path.join(runDir, runFiles.metrics);
  const size = await fs.promises.stat(file).then((stat) => stat.size, () => 0);
  const rows: MetricsRecord[] = [];
  for await (const batch of new JsonLinesFollower(file, isMetricsRecord, { maxBytes }).read()) rows.push(...batch.records);
  const fields = [...ROW_FIELDS, ...columns.filter((column) => !(ROW_FIELDS as readonly string[]).includes(column))];
  const text = format === 'csv' ? toCsv(rows, fields) : toJson(rows, fields);
  return { text, rows: rows.length, skippedBytes: Math.max(0, size - maxBytes) };
}

function valueOf(row: MetricsRecord, field: string): unknown {
  return (row as unknown as Readonly<Record<string, unknown>>)[field];
}

function toCsv(rows: readonly MetricsRecord[], fields: readonly string[]): string {
  const lines = [fields.map(csvCell).join(',')];
  for (const row of rows) {
    lines.push(fields.map((field) => {
      const value = valueOf(row, field);
      return typeof value === 'number' || typeof value === 'string' ? csvCell(String(value)) : '';
    }).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toJson(rows: readonly MetricsRecord[], fields: readonly string[]): string {
  const objects = rows.map((row) => Object.fromEntries(fields.flatMap((field) => {
    const value = valueOf(row, field);
    return typeof value === 'number' || typeof value === 'string' ? [[field, value]] : [];
  })));
  return `${JSON.stringify(objects, undefined, 1)}\n`;
}
