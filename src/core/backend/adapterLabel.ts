import type { AdapterFacts } from './report';

// Names for a WebGPU adapter, for the CLI, the doctor, the status bar and the dashboard's header.
// No zod, no DOM, no GPU types: the webview bundle imports this file.

/** The limits a user weighs a GPU by (how large a tensor one buffer holds), in MiB. */
const sizeLimits: readonly (readonly [string, string])[] = [
  ['maxStorageBufferBindingSize', 'max storage buffer binding'],
  ['maxBufferSize', 'max buffer'],
];

const MIB = 1024 * 1024;

/** The adapter's own name: its description, else its device, else its vendor. */
function adapterName(facts: AdapterFacts): string {
  return facts.description || facts.device || facts.vendor || 'unnamed adapter';
}

/** "NVIDIA H100 PCIe (nvidia, hopper)", or "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6) (mesa, software)". */
export function adapterLabel(facts: AdapterFacts): string {
  const name = adapterName(facts);
  const origin = [facts.vendor, facts.architecture].filter((part) => part && !name.includes(part)).join(', ');
  const software = facts.software && !/software/i.test(origin) ? ', software' : '';
  return `${name}${origin ? ` (${origin}${software})` : software}`;
}

/** For the status bar: the name before any driver version, e.g. "NVIDIA H100 PCIe", "llvmpipe (software)". */
export function adapterShortLabel(facts: AdapterFacts, maxLength = 28): string {
  const name = adapterName(facts).split(':')[0]!.trim();
  const short = name.length > maxLength ? `${name.slice(0, maxLength - 1).trimEnd()}…` : name;
  return facts.software ? `${short} (software)` : short;
}

/** Everything the header's tooltip says about the adapter, one fact a line. */
export function adapterDetails(facts: AdapterFacts): string {
  const sizes = sizeLimits.flatMap(([limit, label]) => {
    const bytes = facts.limits[limit];
    return bytes ? [`${label}: ${formatMiB(bytes)} MiB`] : [];
  });
  return [
    adapterLabel(facts),
    facts.software ? 'software adapter (runs on the CPU)' : 'hardware adapter',
    ...(['vendor', 'architecture', 'device'] as const).filter((field) => facts[field]).map((field) => `${field}: ${facts[field]}`),
    ...sizes,
  ].join('\n');
}

/** Whole MiB from 10 up (Dawn's 2147483644-byte binding limit reads 2048), one decimal below. */
function formatMiB(bytes: number): string {
  const mib = bytes / MIB;
  return mib >= 10 ? String(Math.round(mib)) : String(Number(mib.toFixed(1)));
}

/** "backend: wasm", or "backend: webgpu · NVIDIA H100 PCIe (nvidia, hopper)": the header's and the tooltips' line. */
export function backendLine(backend: string, adapter: AdapterFacts | undefined): string {
  return adapter ? `backend: ${backend} · ${adapterLabel(adapter)}` : `backend: ${backend}`;
}
