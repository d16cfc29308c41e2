import * as fs from 'node:fs';
import * as path from 'node:path';
import { runDoctor, type BackendCheck, type DoctorReport } from '../../core/backend/doctor';
import type { AdapterFacts } from '../../core/backend/report';
import type { SystemFacts } from '../../core/backend/systemFacts';
import { UserError } from '../../core/errors';
import { parseArgs, stringOption } from '../args';
import type { CommandIO } from './io';

export const doctorUsage = 'usage: gan-studio doctor [--json] [--native-dir D]';

const statusLabels: Readonly<Record<BackendCheck['status'], string>> = { ok: 'ok', 'not-installed': 'not installed', failed: 'FAILED' };

/**
 * Checks every backend `auto` may pick and says why each does or does not work, with the machine's
 * facts that decide it. --native-dir adds a folder holding native packages (the extension installs
 * them into <its global storage>/native). Exits 0 when at least one backend works, else 1.
 */
export async function doctorCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { json: 'flag', 'native-dir': 'value' }, doctorUsage);
  const nativeDir = stringOption(args, 'native-dir');
  // Absolute, because require resolution from a relative folder fails and would read as "not installed".
  const searchDirs = nativeDir ? [path.resolve(nativeDir)] : [];
  if (nativeDir && !fs.statSync(searchDirs[0]!, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UserError(`--native-dir ${nativeDir} is not a folder\n${doctorUsage}`);
  }
  const report = await runDoctor(searchDirs);
  if (args.options.has('json')) io.out(JSON.stringify(report, null, 2));
  else printReport(report, io);
  return report.auto ? 0 : 1;
}

function printReport(report: DoctorReport, io: CommandIO): void {
  io.out(`System: ${describeSystem(report.system)}`);
  io.out('Backends, in the order backend: auto tries them:');
  const width = Math.max(...report.backends.map((check) => check.backend.length));
  const statusWidth = Math.max(...Object.values(statusLabels).map((label) => label.length));
  for (const check of report.backends) {
    io.out(`  ${check.backend.padEnd(width)}  ${statusLabels[check.status].padEnd(statusWidth)}  ${check.detail}`);
    const indent = ' '.repeat(width + statusWidth + 6);
    if (check.adapter) io.out(`${indent}${describeAdapterLimits(check.adapter)}`);
    if (check.wasm) io.out(`${indent}threaded build ${check.wasm.threadedBuild.usable ? '' : 'not used: '}${check.wasm.threadedBuild.reason}`);
    // The diagnosis replaces the loader's words in `detail`; the message itself still belongs in the report.
    const firstErrorLine = check.error?.split(/\r?\n/).find((line) => line.trim());
    if (check.diagnosis && firstErrorLine) io.out(`${indent}error: ${firstErrorLine.trim()}`);
  }
  io.out(report.auto ? `backend: auto picks ${report.auto} here.` : 'No backend works here: see the reasons above.');
}

/** The limits that decide which models fit, in words. */
function describeAdapterLimits(adapter: AdapterFacts): string {
  const mib = (name: string) => `${Math.round((adapter.limits[name] ?? 0) / 2 ** 20)} MiB`;
  return `${adapter.software ? 'software' : 'hardware'} adapter; largest buffer ${mib('maxBufferSize')}, `
    + `storage binding ${mib('maxStorageBufferBindingSize')}, ${adapter.limits['maxStorageBuffersPerShaderStage'] ?? '?'} storage buffers per shader stage`;
}

function describeSystem(system: SystemFacts): string {
  const parts = [
    `Node ${system.node} on ${system.platform} ${system.arch} (${system.osRelease})`,
    `${system.cpus} CPU${system.cpus === 1 ? '' : 's'} (${system.cpuModel})`,
    `${system.memoryGiB} GiB memory`,
  ];
  if (system.avx !== undefined) parts.push(`AVX ${system.avx ? 'yes' : 'no'}`);
  if (system.nvidiaDriver !== undefined) parts.push(`NVIDIA driver ${system.nvidiaDriver ?? 'none loaded'}`);
  return parts.join(', ');
}
