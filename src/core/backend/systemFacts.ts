import * as fs from 'node:fs';
import * as os from 'node:os';

/** The facts about this machine that decide which backends can work, for `gan-studio doctor`. */
export interface SystemFacts {
  readonly node: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly osRelease: string;
  /** Logical CPUs this process may use. */
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  /** Linux only: whether the CPU has AVX, which the prebuilt libtensorflow requires. */
  readonly avx?: boolean;
  /** Linux only: the NVIDIA kernel driver's version, or null when none is loaded. */
  readonly nvidiaDriver?: string | null;
}

export function systemFacts(): SystemFacts {
  const facts: SystemFacts = {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() || 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
  };
  if (process.platform !== 'linux') return facts;
  const avx = cpuHasAvx();
  return { ...facts, ...(avx !== undefined ? { avx } : {}), nvidiaDriver: nvidiaDriverVersion() };
}

function cpuHasAvx(): boolean | undefined {
  const flags = /^flags\s*:(.*)$/m.exec(readOptional('/proc/cpuinfo') ?? '')?.[1];
  return flags === undefined ? undefined : flags.split(/\s+/).includes('avx');
}

function nvidiaDriverVersion(): string | null {
  const text = readOptional('/proc/driver/nvidia/version');
  return text === undefined ? null : /Kernel Module\s+([\d.]+)/.exec(text)?.[1] ?? 'unknown version';
}

function readOptional(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // absent (no driver loaded, or not Linux): the caller reports it as unknown or none
    return undefined;
  }
}
