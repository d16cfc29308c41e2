// Compiles src/core/backend/wasm/elementwise.wat (GAN Studio's own SIMD kernels) with wabt into
// media/generated/wasm: one module for TF.js's single-threaded wasm build (plain memory) and one
// for its threaded build (shared memory), since an imported memory must match its declaration.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtModule from 'wabt';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KERNEL_MODULES = { plain: '(memory 1)', shared: '(memory 1 65536 shared)' };

export async function buildWasmKernels() {
  const wabt = await wabtModule();
  const sourceFile = path.join(root, 'src', 'core', 'backend', 'wasm', 'elementwise.wat');
  const source = fs.readFileSync(sourceFile, 'utf8');
  const target = path.join(root, 'media', 'generated', 'wasm');
  fs.mkdirSync(target, { recursive: true });
  for (const [kind, memory] of Object.entries(KERNEL_MODULES)) {
    const parsed = wabt.parseWat(sourceFile, source.replace('MEMORY', memory), { simd: true, threads: true });
    try {
      const { buffer } = parsed.toBinary({});
      // Node's own engine validates: wabt.js's validator ignores the threads feature for shared memory.
      new WebAssembly.Module(buffer);
      fs.writeFileSync(path.join(target, `gan-studio-kernels-${kind}.wasm`), buffer);
    } finally {
      parsed.destroy();
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWasmKernels();
