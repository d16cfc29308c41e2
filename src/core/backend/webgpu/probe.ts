import type { AdapterInfo } from './adapterFacts';

// Dawn's load check, for Install Native Backend: strings and parsing only, so the extension host
// can import it without bundling Dawn or TF.js's WebGPU backend.

/**
 * Runs in a fresh Node process (`node -e`) with the package's entry file as argv[1]: a crash in a
 * GPU driver must not take the extension host down, and Dawn loads once per process. A load error
 * goes to stderr with exit code 1; otherwise one JSON line says which adapter Dawn offers, or null
 * (no Vulkan driver: the package itself is fine). The exit is explicit because Dawn's instance can
 * keep the event loop alive, and waits for the write because pipes are asynchronous on macOS.
 */
export const dawnProbeScript = `
const { pathToFileURL } = require('node:url');
const entry = process.argv[1];
const message = (error) => (error instanceof Error ? error.message : String(error));
const fail = (text) => { console.error(text); process.exit(1); };
(async () => {
  let dawn;
  try { dawn = await import(pathToFileURL(entry).href); }
  catch (error) { return fail(message(error)); }
  if (typeof dawn.create !== 'function') return fail(entry + " loaded but does not export create(): not Dawn's webgpu package");
  let adapter;
  try { adapter = await dawn.create([]).requestAdapter({ powerPreference: 'high-performance' }); }
  catch (error) { return fail('Dawn loaded, but requesting an adapter failed: ' + message(error)); }
  const info = adapter ? adapter.info || {} : undefined;
  const line = JSON.stringify({ adapter: info ? {
    vendor: info.vendor, architecture: info.architecture, device: info.device,
    description: info.description, isFallbackAdapter: info.isFallbackAdapter,
  } : null });
  process.stdout.write(line + '\\n', () => process.exit(0));
})();
`;

/** What the check found: the adapter's info, or null when Dawn offers none. */
export interface DawnProbe {
  readonly adapter: AdapterInfo | null;
}

/** Reads the check's last line; undefined when it is not the check's line (the load did not complete). */
export function readDawnProbe(line: string): DawnProbe | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('adapter' in parsed)) return undefined;
  const adapter: unknown = parsed.adapter;
  if (adapter === null) return { adapter: null };
  if (typeof adapter !== 'object') return undefined;
  const fields = adapter as Record<string, unknown>;
  const info: { -readonly [K in keyof AdapterInfo]: AdapterInfo[K] } = {};
  for (const name of ['vendor', 'architecture', 'device', 'description'] as const) {
    const value = fields[name];
    if (typeof value === 'string') info[name] = value;
  }
  if (typeof fields.isFallbackAdapter === 'boolean') info.isFallbackAdapter = fields.isFallbackAdapter;
  return { adapter: info };
}

/**
 * The cause and remedy of a failed Dawn load, where recognised: its prebuilt dawn.node needs a recent
 * glibc (2.34 for 0.6.2's linux-x64 build, which rules out Ubuntu 20.04 and RHEL 8), and ships for
 * some platforms only.
 */
export function diagnoseDawnLoad(output: string): string | undefined {
  const glibc = /version `(GLIBC_[\d.]+)' not found/.exec(output);
  if (glibc) {
    return `the system C library is too old for Dawn's prebuilt dawn.node (${glibc[1]} not found); `
      + 'it needs a newer Linux distribution (or a container with one), else train on another backend';
  }
  const platform = /Cannot find module '[^']*dist[\\/]([\w-]+)[\\/]dawn\.node'/.exec(output);
  if (platform) {
    return `Dawn has no prebuilt dawn.node for ${platform[1]} `
      + '(its package ships Linux and Windows on x64 and arm64, and macOS); train on another backend here';
  }
  return undefined;
}
