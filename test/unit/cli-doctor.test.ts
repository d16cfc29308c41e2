import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { BackendCheck, DoctorReport } from '../../src/core/backend/doctor';
import { tempDir } from './support/training';

// `gan-studio doctor` as a user runs it: its own process, from source (no build needed).
const root = path.resolve(__dirname, '..', '..');

async function doctor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'doctor', ...args], { cwd: root, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function doctorJson(...args: string[]): Promise<{ report: DoctorReport; byName: Map<string, BackendCheck> }> {
  const result = await doctor('--json', ...args);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  const report = JSON.parse(result.stdout) as DoctorReport;
  return { report, byName: new Map(report.backends.map((check) => [check.backend, check])) };
}

/** A folder whose node_modules holds stand-ins for the native packages, each an index.js body. */
function nativeDir(label: string, packages: Readonly<Record<string, string>>): string {
  const dir = tempDir(`gan-doctor-${label}-`);
  for (const [name, body] of Object.entries(packages)) {
    const packageDir = path.join(dir, 'node_modules', ...name.split('/'));
    fs.mkdirSync(packageDir, { recursive: true });
    fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({ name, version: '4.22.0', main: 'index.js' }));
    fs.writeFileSync(path.join(packageDir, 'index.js'), body);
  }
  return dir;
}

function assertPureBackendsWork(byName: Map<string, BackendCheck>): void {
  assert.equal(byName.get('wasm')?.status, 'ok', JSON.stringify(byName.get('wasm')));
  assert.equal(byName.get('cpu')?.status, 'ok', JSON.stringify(byName.get('cpu')));
  const wasm = byName.get('wasm')?.wasm;
  assert.ok(wasm, 'wasm facts are reported');
  assert.equal(typeof wasm.simd, 'boolean');
  assert.equal(wasm.threadedBuild.usable, wasm.threads > 1, JSON.stringify(wasm));
  assert.ok(wasm.threadedBuild.reason.length > 0);
}

test('doctor --json here: the natives are not installed, with how to install them; wasm and cpu work', async () => {
  const { report, byName } = await doctorJson();
  assert.deepEqual(report.backends.map((check) => check.backend), ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']);
  // Dawn is installed (an optional dependency) but no Vulkan driver is visible to the unit tests
  // (test/gpu runs them with a software one).
  const webgpu = byName.get('webgpu')!;
  assert.equal(webgpu.status, 'failed', JSON.stringify(webgpu));
  assert.match(webgpu.detail, /^no Vulkan (loader: libvulkan\.so\.1 is not installed|driver: no ICD manifest).*\(auto skips WebGPU; backend: webgpu would still ask Dawn\)$/);
  for (const [backend, name] of [['tensorflow-gpu', '@tensorflow/tfjs-node-gpu'], ['tensorflow', '@tensorflow/tfjs-node']] as const) {
    const check = byName.get(backend)!;
    assert.equal(check.status, 'not-installed');
    assert.ok(check.detail.startsWith(`${name} is not installed (npm install ${name}@4.22.0`), check.detail);
  }
  assertPureBackendsWork(byName);
  assert.equal(report.auto, 'wasm');
  assert.equal(report.system.node, process.version);
  assert.ok(report.system.cpus >= 1);
});

test('doctor prints a table and exits 0; --help and a wrong option behave like every command', async () => {
  const result = await doctor();
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^System: Node v\d+\.\d+\.\d+ on /);
  assert.match(result.stdout, /^ {2}tensorflow-gpu {2}not installed {2}@tensorflow\/tfjs-node-gpu is not installed/m);
  assert.match(result.stdout, /^ {2}wasm +ok +WebAssembly, SIMD (on|off)\b/m);
  assert.match(result.stdout, /^ +threaded build (in use with \d+ threads|not used: .+)$/m);
  assert.match(result.stdout, /^backend: auto picks wasm here\.$/m);
  assert.equal((await doctor('--help')).code, 0);
  const wrong = await doctor('--gpu');
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /unknown option --gpu \(options: --json, --native-dir\)/);
  const missing = await doctor('--native-dir', 'no-such-folder');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^--native-dir no-such-folder is not a folder$/m);
  assert.doesNotMatch(missing.stderr, /^\s+at /m);
});

test('native packages that fail to load, even by killing their process, are reported and the others still checked', async () => {
  const dir = nativeDir('broken', {
    // What process.dlopen throws when the install script did not download libtensorflow.
    '@tensorflow/tfjs-node-gpu': "throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory');",
    // What libtensorflow does on a CPU without AVX.
    '@tensorflow/tfjs-node': "process.kill(process.pid, 'SIGILL');",
  });
  const { report, byName } = await doctorJson('--native-dir', dir);
  const gpu = byName.get('tensorflow-gpu')!;
  assert.equal(gpu.status, 'failed');
  assert.equal(gpu.diagnosis?.cause, 'libtensorflow 2.9.1 missing (libtensorflow.so.2 not found)');
  assert.ok(gpu.detail.includes(path.join(dir, 'node_modules', '@tensorflow', 'tfjs-node-gpu', 'deps', 'lib')), gpu.detail);
  assert.match(gpu.error ?? '', /^libtensorflow\.so\.2: cannot open shared object file: No such file or directory$/m);
  const native = byName.get('tensorflow')!;
  assert.equal(native.status, 'failed');
  assert.match(native.error ?? '', /killed by SIGILL/);
  assert.match(native.diagnosis?.remedy ?? '', /requires AVX; use the wasm backend/);
  assertPureBackendsWork(byName);
  assert.equal(report.auto, 'wasm');

  const table = await doctor('--native-dir', dir);
  assert.match(table.stdout, /^ {2}tensorflow-gpu {2}FAILED {9}@tensorflow\/tfjs-node-gpu is installed but failed to load: libtensorflow 2\.9\.1 missing/m);
  assert.match(table.stdout, /^ +error: libtensorflow\.so\.2: cannot open shared object file: No such file or directory$/m);
});

test('a GPU build that loads but skips the GPU works, on the CPU, and says which CUDA library is missing', async () => {
  const dir = nativeDir('no-cudnn', {
    // tfjs-node-gpu 4.x without cuDNN: TensorFlow logs the failed dlopen and carries on with the CPU.
    '@tensorflow/tfjs-node-gpu': [
      "process.stderr.write(\"W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file: No such file or directory\\n\");",
      'exports.tidy = (fn) => fn();',
      'exports.backend = () => ({ isUsingGpuDevice: false });',
    ].join('\n'),
  });
  // A relative folder works as well (require needs it made absolute).
  const { report, byName } = await doctorJson('--native-dir', path.relative(root, dir));
  const gpu = byName.get('tensorflow-gpu')!;
  assert.equal(gpu.status, 'ok');
  assert.equal(gpu.gpu, false);
  assert.equal(gpu.package?.version, '4.22.0');
  assert.match(gpu.detail, /, but it runs on the CPU: cuDNN 8\.1 missing \(libcudnn\.so\.8 not found\); /);
  assert.equal(report.auto, 'tensorflow-gpu');
});
