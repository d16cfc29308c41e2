import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/commands/io';
import type { RunInfo } from '../../../src/core/run/records';
import { tempDir } from './training';

/** Runs the CLI in-process with captured output; a shared tiny config and trained run for the CLI suites. */
export interface Captured {
  readonly io: CommandIO;
  readonly out: string[];
  readonly err: string[];
  /** stdout, stderr lines and raw progress writes, in one string. */
  all(): string;
}

export function capture(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const stderr = { isTTY: false, write: (chunk: string | Uint8Array) => { progress.push(String(chunk)); return true; } };
  return {
    io: { out: (line) => out.push(line), err: (line) => err.push(line), stderr: stderr as unknown as NodeJS.WriteStream },
    out, err,
    all: () => [...out, ...err, ...progress].join('\n'),
  };
}

export async function cli(...argv: string[]): Promise<{ code: number } & Captured> {
  const captured = capture();
  const code = await main(argv, captured.io);
  return { code, ...captured };
}

export const tinyYaml = (seed = 3) => `name: tiny
seed: ${seed}
data: { kind: ring, count: 500 }
model:
  kind: mlp
  latentSize: 4
  generator: { hidden: [16] }
  discriminator: { hidden: [16] }
training: { batchSize: 32, steps: 40 }
logging: { every: 5, histogramEvery: 10 }
samples: { every: 20, count: 64 }
checkpoints: { every: 20 }
`;

export const work = tempDir('gan-studio-cli-');

export function writeConfig(name: string, text: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, text);
  return file;
}

export function readInfo(runDir: string): RunInfo {
  return JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as RunInfo;
}

export function runFolders(runsDir: string): string[] {
  return fs.existsSync(runsDir) ? fs.readdirSync(runsDir).map((name) => path.join(runsDir, name)) : [];
}

export const configFile = writeConfig('tiny.gan.yaml', tinyYaml());
let sharedRun: Promise<string> | undefined;

/** One 40-step run trained through the CLI, shared by the tests that only read it. */
export function trainedRun(): Promise<string> {
  sharedRun ??= (async () => {
    const runsDir = path.join(work, 'shared-runs');
    const result = await cli('train', configFile, '--steps', '40', '--runs-dir', runsDir);
    assert.equal(result.code, 0, result.all());
    const [runDir] = runFolders(runsDir);
    assert.ok(runDir, 'the run folder exists');
    return runDir;
  })();
  return sharedRun;
}

/** A private copy of the shared run, for tests that change it. */
export async function copyOfRun(name: string): Promise<string> {
  const target = path.join(work, 'copies', name);
  fs.cpSync(await trainedRun(), target, { recursive: true });
  return target;
}
