import type { GanConfigInput } from '../src/core/config/schema';

/** The workloads of the speed targets (issue 8), batch 64 unless set, one D-step per G-step. */
export const benchWorkloads: Record<string, { steps: number; config: GanConfigInput }> = {
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
};
