import type { DataConfig, DomainConfig, DomainsDataConfig } from '../../config/dataSchema';
import { classifierSplit } from '../../eval/digitSplit';
import { UserError } from '../../errors';
import type { Dataset } from '../dataset';
import { transformedShape } from './domainShape';
import { datasetHalf, datasetSubset, transformDataset } from './transforms';

/** Loads one plain source (mnist, folder, idx): the data loader, passed in so this module does not import it back. */
export type LoadSource = (config: DataConfig) => Promise<Dataset>;

// The two domains' random transforms (the coloured backgrounds) draw from their own streams of the run's seed.
const transformSalt = { a: 0xd0a, b: 0xd0b } as const;

/**
 * Two-domain data as the translation families train on it: domain B's training examples, with
 * domain A's and both held-out fifths beside them (Dataset.translation). Unpaired domains read from
 * one source take its two disjoint halves, so no image of A has its counterpart in B.
 */
export async function loadDomains(config: DomainsDataConfig, seed: number, loadSource: LoadSource): Promise<Dataset> {
  const same = sourceKey(config.a) === sourceKey(config.b);
  const sourceA = await loadSource(config.a);
  const sourceB = same ? sourceA : await loadSource(config.b);
  const [rawA, rawB] = same && !config.paired ? [datasetHalf(sourceA, 0), datasetHalf(sourceB, 1)] : [sourceA, sourceB];
  const a = transformDomain(rawA, config.a, 'a', seed);
  const b = transformDomain(rawB, config.b, 'b', seed);
  const [heightA, widthA] = a.exampleShape;
  const [heightB, widthB] = b.exampleShape;
  if (heightA !== heightB || widthA !== widthB) {
    throw new UserError(`data: domain a holds ${heightA}×${widthA} images and domain b ${heightB}×${widthB}; translation keeps the size, `
      + 'so make them equal (a folder\'s size, or a downsample transform)');
  }
  if (config.paired && a.count !== b.count) {
    throw new UserError(`data.paired: domain a holds ${a.count} images and domain b ${b.count}; paired domains pair the nth image of each, `
      + 'so they need the same count (the same source with different transforms, or folders of matching images)');
  }
  const splitA = heldOutSplit(a);
  const splitB = config.paired ? splitA : heldOutSplit(b);
  const train = (dataset: Dataset, indices: Uint32Array) => datasetSubset(dataset, indices, 'training part');
  const held = (dataset: Dataset, indices: Uint32Array) => datasetSubset(dataset, indices, 'held-out fifth');
  const target = train(b, splitB.train);
  return {
    ...target,
    description: `${config.paired ? 'paired' : 'unpaired'} domains: a = ${a.description}; b = ${b.description}`,
    translation: {
      source: train(a, splitA.train), paired: config.paired,
      heldOut: { source: held(a, splitA.heldOut), target: held(b, splitB.heldOut) },
    },
  };
}

function transformDomain(dataset: Dataset, domain: DomainConfig, side: 'a' | 'b', seed: number): Dataset {
  if (dataset.kind !== 'images') throw new Error('domains are images');
  const shape = transformedShape(dataset.exampleShape as [number, number, number], domain.transforms);
  if ('problem' in shape) throw new UserError(`data.${side}.transforms[${shape.problem.index}]: ${shape.problem.message}`);
  return transformDataset(dataset, domain.transforms, (seed ^ transformSalt[side]) >>> 0);
}

/** Every 5th example of each class (of the whole set without labels) held out: the split the digit classifier uses. */
function heldOutSplit(dataset: Dataset): { train: Uint32Array; heldOut: Uint32Array } {
  return classifierSplit(dataset.labels ?? new Int32Array(dataset.count));
}

/** What identifies a domain's source, whatever its transforms. */
function sourceKey(domain: DomainConfig): string {
  const { transforms: _transforms, ...source } = domain;
  return JSON.stringify(source, Object.keys(source).sort());
}
