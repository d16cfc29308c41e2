import { spawn } from 'node:child_process';

/**
 * Runs in a fresh Node process with the package's entry file as argv[1]. A load error goes to stderr
 * with exit code 1 (callers diagnose that output); success prints one JSON line saying whether
 * TensorFlow put its device on a GPU (tfjs-node's backend exposes `isUsingGpuDevice`).
 */
export const nativeProbeScript = `
let tf;
try { tf = require(process.argv[1]); }
catch (error) { console.error(error instanceof Error ? error.message : String(error)); process.exit(1); }
if (typeof tf.tidy !== 'function') { console.error(process.argv[1] + ' loaded but does not export tidy(): not a TF.js package'); process.exit(1); }
const backend = typeof tf.backend === 'function' ? tf.backend() : undefined;
console.log(JSON.stringify({ gpu: Boolean(backend && backend.isUsingGpuDevice) }));
`;

/** The environment for a probe: plain Node even from Electron, and TensorFlow's warnings kept (they name missing CUDA libraries). */
export function nativeProbeEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ELECTRON_RUN_AS_NODE: '1', TF_CPP_MIN_LOG_LEVEL: '1' };
}

export type NativeProbe =
  | { readonly loaded: true; readonly gpu: boolean; /** TensorFlow's log on stderr. */ readonly log: string }
  | { readonly loaded: false; /** stderr and stdout, then how the process ended. */ readonly output: string };

const probeTimeoutMs = 120_000;

/**
 * Loads a native package in a child process and reports how that went. A child, not this process:
 * tfjs-node loads once per process and cannot be unloaded, so probing both native packages here
 * would leave this process bound to the first; a broken libtensorflow can kill its process
 * (SIGILL without AVX, SIGSEGV), which must not take the caller down; and TensorFlow writes its
 * GPU warnings straight to file descriptor 2, which only a parent can read.
 */
export function probeNative(entry: string): Promise<NativeProbe> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', nativeProbeScript, entry], {
      env: nativeProbeEnv(), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, probeTimeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ loaded: false, output: `could not start ${process.execPath}: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = code === 0 ? parseResult(stdout) : undefined;
      if (result) {
        resolve({ loaded: true, gpu: result.gpu, log: stderr });
        return;
      }
      const ending = timedOut ? `the probe did not finish within ${probeTimeoutMs / 1000} s`
        : signal ? `the probe process was killed by ${signal}` : `the probe process exited with code ${code}`;
      resolve({ loaded: false, output: [stderr.trim(), stdout.trim(), ending].filter(Boolean).join('\n') });
    });
  });
}

function parseResult(stdout: string): { gpu: boolean } | undefined {
  const last = stdout.trim().split(/\r?\n/).pop() ?? '';
  try {
    const parsed: unknown = JSON.parse(last);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { gpu?: unknown }).gpu === 'boolean') {
      return { gpu: (parsed as { gpu: boolean }).gpu };
    }
  } catch {
    // not the probe's line: the load did not complete as expected
  }
  return undefined;
}
