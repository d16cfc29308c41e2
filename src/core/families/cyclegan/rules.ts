import { configExampleShape } from '../../config/dataFit';
import type { GanConfig } from '../../config/schema';
import { domainShape } from '../../data/domains/domainShape';
import type { ConfigIssue } from '../../errors';
import { refusedFields, translatingRefusals } from '../shared/refusals';


/** What a CycleGAN config cannot combine with, and shapes its translators cannot take. */
export function cycleGanIssues(config: GanConfig): ConfigIssue[] {
  const issues = refusedFields('cyclegan', translatingRefusals, config);
  // Domain a's shape is the translators' input side, b's (the data's example shape) their output side.
  const [a, b] = [config.data.kind === 'domains' ? domainShape(config.data.a) : undefined, configExampleShape(config.data)];
  const odd = [a, b].find((shape) => shape && (shape[0]! % 2 !== 0 || shape[1]! % 2 !== 0));
  if (odd) {
    issues.push({ path: ['data'], message: `the translators halve and double the image side, so it must be even; the images are ${odd[0]}×${odd[1]}` });
  }
  if (config.family?.kind === 'cyclegan' && config.family.identityWeight > 0 && a && b && a[2] !== b[2]) {
    issues.push({
      path: ['family', 'identityWeight'],
      message: `asks G_AB(b) to equal b, but domain a has ${a[2]} channel${a[2] === 1 ? '' : 's'} and domain b ${b[2]}; set it to 0, or use domains with the same channels`,
    });
  }
  return issues;
}
