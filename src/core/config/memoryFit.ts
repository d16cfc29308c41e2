import * as os from 'node:os';
import type { ConfigIssue } from '../errors';
import { networkSizes, trainingMemory, type DataGeometry, type MemoryEstimate } from '../models/memoryEstimate';
import { networkTraits } from '../networks/shapes';
import { formatBytes } from '../util/bytes';
import type { BackendName } from './backendNames';
import type { GanConfig } from './schema';

/**
 * TF.js's wasm build lets its heap grow to 4 GiB − 64 KiB (emscripten's getHeapMax for wasm32
 * addresses), and every tensor of that backend lives in the heap: no model needing more can train on it.
 */
export const WASM_HEAP_BYTES = 4_294_901_760;

export interface MemoryLimit {
  readonly bytes: number;
  /** What the limit is, for the message: "the wasm backend's heap". */
  readonly what: string;
}

/**
 * The most memory a backend can give training here. The other backends keep tensors in this
 * machine's memory (native or JavaScript), so its total is their bound. For `auto` (validation,
 * before a backend is picked) that is the bound too: a config refused then could train nowhere here;
 * training asks again with the backend it got.
 */
export function memoryLimit(backend: BackendName): MemoryLimit {
  const machine = { bytes: os.totalmem(), what: 'this machine\'s memory' };
  return backend === 'wasm' && WASM_HEAP_BYTES < machine.bytes ? { bytes: WASM_HEAP_BYTES, what: 'the wasm backend\'s heap' } : machine;
}

/** Refuses a model whose training cannot fit `limit`, naming what to change: the batch size, or the networks' width. */
export function memoryIssue(config: GanConfig, data: DataGeometry, limit: MemoryLimit): ConfigIssue | undefined {
  const { model, training } = config;
  const estimate = trainingMemory(model, training, data);
  if (estimate.total <= limit.bytes) return undefined;
  const over = `over the ${formatBytes(limit.bytes)} of ${limit.what}`;
  const fixed = estimate.total - estimate.activations;
  if (fixed > limit.bytes) {
    const { width } = networkTraits(model);
    return {
      path: ['model', widerNetwork(config, data), width.field],
      message: `the weights, gradients and optimizer state alone need ${formatBytes(fixed)} (${parts(estimate, false)}), ${over}; `
        + `use fewer ${width.unit}`,
    };
  }
  const fits = largestBatch(config, data, limit);
  return {
    path: ['training', 'batchSize'],
    message: `needs at least ${formatBytes(estimate.total)} to train at batch size ${training.batchSize} (${parts(estimate, true)}), ${over}; `
      + `at most batchSize ${fits} could fit`,
  };
}

function parts(estimate: MemoryEstimate, withActivations: boolean): string {
  const { weights, gradients, optimizer, activations } = estimate;
  return [`weights ${formatBytes(weights)}`, `gradients ${formatBytes(gradients)}`, `optimizer state ${formatBytes(optimizer)}`,
    ...(withActivations ? [`activations ${formatBytes(activations)}`] : [])].join(', ');
}

/** The network with more weights: the one whose width to reduce first. */
function widerNetwork(config: GanConfig, data: DataGeometry): 'generator' | 'discriminator' {
  const { generator, discriminator } = networkSizes(config.model, data);
  return generator.parameters >= discriminator.parameters ? 'generator' : 'discriminator';
}

/** The largest batch size whose estimate fits (at least 1, when the fixed part fits); the estimate grows with the batch. */
function largestBatch(config: GanConfig, data: DataGeometry, limit: MemoryLimit): number {
  let low = 1;
  let high = config.training.batchSize;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (trainingMemory(config.model, config.training, data, middle).total <= limit.bytes) low = middle;
    else high = middle - 1;
  }
  return low;
}
