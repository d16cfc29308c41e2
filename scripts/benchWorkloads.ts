import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GanConfigInput } from '../src/core/config/schema';
import { encodePng } from '../src/core/render/png';

/**
 * The workloads of the speed targets (issue 8), batch 64 unless set, one D-step per G-step.
 * `images`: the workload trains on a folder of that many synthetic RGB images, written by
 * syntheticImages into a folder the config's `data.path` then names.
 */
export const benchWorkloads: Record<string, { steps: number; config: GanConfigInput; images?: { count: number; size: number } }> = {
  toy2d: { steps: 200, config: {
    name: 'bench-toy2d', data: { kind: 'ring' },
    model: { kind: 'mlp', latentSize: 2, generator: { hidden: [128, 128] }, discriminator: { hidden: [128, 128] } },
    training: { batchSize: 256 },
  } },
  'mlp-784': { steps: 40, config: {
    name: 'bench-mlp784', data: { kind: 'mnist' },
    model: { kind: 'mlp', latentSize: 100, generator: { hidden: [256, 512] }, discriminator: { hidden: [512, 256] } },
  } },
  'dcgan-28': { steps: 12, config: {
    name: 'bench-dcgan28', data: { kind: 'mnist' },
    model: { kind: 'dcgan', latentSize: 100, generator: { channels: 64 }, discriminator: { channels: 64 } },
  } },
  // The shipped style recipe's networks (examples/mnist-style.gan.yaml) at its batch, with its R1.
  'style-28': { steps: 12, config: {
    name: 'bench-style28', data: { kind: 'mnist' },
    model: { kind: 'style', latentSize: 64, generator: { channels: 16 }, discriminator: { channels: 16, batchNorm: true } },
    regularizers: { r1: { gamma: 1 } },
    training: { batchSize: 32 },
  } },
  // The GPU issue's workload (DCGAN on 64×64 RGB, batch 128): seconds a step on a CPU.
  'dcgan-64': { steps: 6, images: { count: 256, size: 64 }, config: {
    name: 'bench-dcgan64', data: { kind: 'folder', path: '', size: 64, channels: 3 },
    model: { kind: 'dcgan', latentSize: 100, generator: { channels: 64 }, discriminator: { channels: 64 } },
    training: { batchSize: 128 },
  } },
};

/** Smooth coloured blobs on a gradient, different in every image: enough structure for a DCGAN to train on. */
export function syntheticImages(dir: string, count: number, size: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let n = 0; n < count; n++) {
    const data = new Uint8Array(size * size * 4);
    const [cx, cy, radius] = [(n * 37) % size, (n * 61) % size, size / 6 + (n % 7) * 2];
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const at = (y * size + x) * 4;
        const inside = Math.hypot(x - cx, y - cy) < radius;
        data[at] = inside ? 40 + (n * 53) % 200 : (x * 255) / size;
        data[at + 1] = inside ? 40 + (n * 97) % 200 : (y * 255) / size;
        data[at + 2] = inside ? 40 + (n * 29) % 200 : 128;
        data[at + 3] = 255;
      }
    }
    fs.writeFileSync(path.join(dir, `${n}.png`), encodePng({ width: size, height: size, data }));
  }
}
