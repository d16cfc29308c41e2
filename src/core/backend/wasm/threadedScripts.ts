import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const GLUE = 'tfjs-backend-wasm-threaded-simd.js';

/**
 * The two scripts the threaded build's pthread workers load from disk. The emscripten glue (each
 * worker evaluates it to get the module factory) is copied next to the .wasm binaries by the
 * build, or read from node_modules in a development checkout. The worker's entry script exists
 * only as a string export of the package; it is written once per content to a temporary folder.
 */
export function threadedScripts(wasmDirectory: string): { glue: string; worker: string } {
  const shippedGlue = path.join(wasmDirectory, GLUE);
  const glue = fs.existsSync(shippedGlue)
    ? shippedGlue
    : createRequire(__filename).resolve(`@tensorflow/tfjs-backend-wasm/wasm-out/${GLUE}`);
  // A plain require with a literal path, so that esbuild bundles the module (a string export).
  const exported = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js') as { wasmWorkerContents: string };
  const contents = threadedWorkerSource(exported.wasmWorkerContents);
  const digest = crypto.createHash('sha256').update(contents).digest('hex').slice(0, 12);
  const worker = path.join(os.tmpdir(), `gan-studio-wasm-${digest}`, 'tfjs-backend-wasm-threaded-simd.worker.js');
  if (!fs.existsSync(worker)) {
    fs.mkdirSync(path.dirname(worker), { recursive: true });
    // Write, then rename: concurrent processes may race to create the same file.
    const partial = `${worker}.${process.pid}.tmp`;
    fs.writeFileSync(partial, contents);
    fs.renameSync(partial, worker);
  }
  return { glue, worker };
}

/**
 * The exported template literal turned the script's escaped newlines into real ones; inside its
 * string literals they must be escapes again (tfjs does the same before making its Blob).
 */
export function threadedWorkerSource(exported: string): string {
  return exported.replace(/\n/g, '\\n');
}
