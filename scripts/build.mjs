// Builds everything that ships: the embedded MNIST binary, the TF.js .wasm binaries and GAN
// Studio's own SIMD kernels in media/,
// and the esbuild bundles in dist/. `node scripts/build.mjs --watch` rebuilds bundles on change.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildMnist } from './build-mnist.mjs';
import { buildWasmKernels } from './build-wasm-kernels.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// Native TF.js packages are optional and loaded lazily at run time, never bundled; `vscode` is
// provided by the extension host.
const external = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'vscode'];

function copyWasmBinaries() {
  const source = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const target = path.join(root, 'media', 'generated', 'wasm');
  fs.mkdirSync(target, { recursive: true });
  for (const name of fs.readdirSync(source).filter((file) => file.endsWith('.wasm'))) {
    fs.copyFileSync(path.join(source, name), path.join(target, name));
  }
  // The threaded build's pthread workers evaluate the emscripten glue from disk
  // (src/core/backend/wasm/threadedScripts.ts).
  const glue = 'tfjs-backend-wasm-threaded-simd.js';
  fs.copyFileSync(require.resolve(`@tensorflow/tfjs-backend-wasm/wasm-out/${glue}`), path.join(target, glue));
}

const entries = [
  { in: 'src/cli/index.ts', out: 'cli' },
  { in: 'src/trainer/main.ts', out: 'trainer' },
  // Live diagnostics check configs and notes in this worker, off the extension host's thread.
  { in: 'src/host/validation/worker.ts', out: 'configValidator' },
  // Banner and footer stamp when the host starts and ends evaluating the bundle, for the
  // activation figures the extension logs.
  { in: 'src/extension/extension.ts', out: 'extension',
    banner: { js: '"use strict";\nvar __ganStudioLoadStart = performance.now();' },
    footer: { js: 'var __ganStudioLoadEnd = performance.now();' },
    // Parsing the bundle is most of its load time: a minified bundle parses faster.
    minify: true },
  // The style generator's custom layers alone, for a plain TF.js script loading an exported generator
  // (an export copies it beside the model as gan-studio-layers.js).
  { in: 'src/core/networks/style/layers.ts', out: 'style-layers' },
  // The dashboard webview: a browser bundle (and its CSS) loaded through asWebviewUri.
  { in: 'webview/src/main.ts', out: 'webview/dashboard', platform: 'browser', format: 'iife', minify: true },
];

async function main() {
  buildMnist();
  copyWasmBinaries();
  await buildWasmKernels();
  const watch = process.argv.includes('--watch');
  for (const entry of entries) {
    const options = {
      entryPoints: [path.join(root, entry.in)],
      outfile: path.join(root, 'dist', `${entry.out}.js`),
      bundle: true, platform: entry.platform ?? 'node', target: entry.platform === 'browser' ? 'chrome120' : 'node20',
      format: entry.format ?? 'cjs', sourcemap: true,
      external, logLevel: 'warning', legalComments: 'none', metafile: true,
      ...(entry.banner ? { banner: entry.banner, footer: entry.footer } : {}),
      ...(entry.minify ? { minify: true } : {}),
    };
    if (watch) await (await esbuild.context(options)).watch();
    else writeBundleInputs(entry.out, (await esbuild.build(options)).metafile);
  }
  if (!watch) fs.chmodSync(path.join(root, 'dist', 'cli.js'), 0o755);
}

/** Lists each bundle's input modules (dist/<name>.inputs.json): tests check what the host bundle holds. */
function writeBundleInputs(name, metafile) {
  const inputs = Object.keys(metafile.inputs).sort();
  fs.writeFileSync(path.join(root, 'dist', `${name.replaceAll('/', '-')}.inputs.json`), JSON.stringify(inputs, null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
