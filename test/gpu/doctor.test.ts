import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { DoctorReport } from '../../src/core/backend/doctor';

const root = path.resolve(__dirname, '..', '..');
const doctor = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'doctor', ...args], { cwd: root, timeout: 60_000 });

test('doctor names the software adapter, its limits, and that auto skips it', async () => {
  const { stdout } = await doctor('--json');
  const report = JSON.parse(stdout) as DoctorReport;
  const webgpu = report.backends.find((check) => check.backend === 'webgpu');
  assert.equal(webgpu?.status, 'ok', JSON.stringify(webgpu));
  assert.equal(webgpu.adapter?.software, true);
  assert.equal(webgpu.adapter?.vendor, 'mesa');
  assert.match(webgpu.detail, /on llvmpipe.*; auto skips a software adapter$/);
  assert.equal(report.auto, 'wasm', 'a software adapter is never auto\'s pick');
  const table = await doctor();
  assert.match(table.stdout, /^ {2}webgpu +ok +WebGPU through Dawn .* on llvmpipe/m);
  assert.match(table.stdout, /^ +software adapter; largest buffer \d+ MiB, storage binding \d+ MiB, \d+ storage buffers per shader stage$/m);
});
