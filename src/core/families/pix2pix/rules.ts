import { configExampleShape } from '../../config/dataFit';
import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';
import { refusedFields, translatingRefusals } from '../shared/refusals';

/** What a pix2pix config cannot combine with: unpaired data, and images its U-Net cannot halve `depth` times. */
export function pix2pixIssues(config: GanConfig): ConfigIssue[] {
  const issues = refusedFields('pix2pix', translatingRefusals, config);
  if (config.data.kind === 'domains' && !config.data.paired) {
    issues.push({ path: ['data', 'paired'], message: 'the pix2pix family learns from pairs (a, b); set data.paired: true, or use family.kind cyclegan for unpaired domains' });
  }
  const shape = configExampleShape(config.data);
  if (config.family?.kind === 'pix2pix' && shape) {
    const step = 2 ** config.family.generator.depth;
    if (shape[0]! % step !== 0 || shape[1]! % step !== 0) {
      issues.push({
        path: ['family', 'generator', 'depth'],
        message: `the U-Net halves the image side ${config.family.generator.depth} times, so it must divide by ${step}, but the images are ${shape[0]}×${shape[1]}; use a smaller depth`,
      });
    }
  }
  return issues;
}
