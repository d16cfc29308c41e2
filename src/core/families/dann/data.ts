import type { Dataset } from '../../data/dataset';
import { UserError } from '../../errors';

/** DANN's four sets, every image with the same channels: the source's and the target's training parts and held-out fifths. */
export interface AdaptationData {
  readonly source: Dataset;
  readonly target: Dataset;
  readonly heldOut: { readonly source: Dataset; readonly target: Dataset };
  readonly classNames: readonly string[];
}

/**
 * The two domains as DANN reads them: one network takes both, so a grey domain is repeated across
 * the other's colour channels (as MNIST → MNIST-M is set up); both must carry labels (the source's
 * train F, the target's measure it and train the upper bound) over the same classes.
 */
export function adaptationData(dataset: Dataset): AdaptationData {
  const domains = dataset.translation;
  if (!domains) throw new Error('DANN needs two-domain data');
  const sides = { source: domains.source, target: dataset };
  for (const [side, set] of Object.entries(sides)) {
    if (!set.labels || !set.classNames?.length) {
      throw new UserError(`family.kind dann: domain ${side === 'source' ? 'a (the source)' : 'b (the target)'}, ${set.description}, has no class labels; `
        + 'use mnist, a folder with one subfolder per class, or idx with labels');
    }
  }
  const classNames = domains.source.classNames!;
  if (JSON.stringify(classNames) !== JSON.stringify(dataset.classNames)) {
    throw new UserError(`family.kind dann: the domains' classes differ (a: ${classNames.join(', ')}; b: ${dataset.classNames!.join(', ')}); `
      + 'the label head predicts one set of classes, so give both domains the same classes');
  }
  const channels = Math.max(dataset.exampleShape[2]!, domains.source.exampleShape[2]!);
  const matched = (set: Dataset) => withChannels(set, channels);
  return {
    source: matched(domains.source), target: matched(dataset), classNames,
    heldOut: { source: matched(domains.heldOut.source), target: matched(domains.heldOut.target) },
  };
}

/** A grey image set with its one channel repeated `channels` times; any other set as it is. */
function withChannels(dataset: Dataset, channels: number): Dataset {
  const [height, width, have] = dataset.exampleShape as [number, number, number];
  if (have === channels) return dataset;
  if (have !== 1) throw new UserError(`family.kind dann: ${dataset.description} has ${have} channels and the other domain ${channels}; use domains with the same channels, or a grey one`);
  const pixels = dataset.count * height * width;
  const values = new Float32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) values.fill(dataset.values[p]!, p * channels, (p + 1) * channels);
  return { ...dataset, exampleShape: [height, width, channels], values };
}
