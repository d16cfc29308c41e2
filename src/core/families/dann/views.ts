import type { Tensor } from '@tensorflow/tfjs-core';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';
import { datasetSubset } from '../../data/domains/transforms';
import { drawable } from '../../render/bitmapFont';
import { renderSeries, scatterColours, type ScatterSeries } from '../../render/scatter';
import type { Rgb } from '../../render/png';
import type { SampleView } from '../family';
import type { AdaptationData } from './data';
import { principalPlane } from './projection';

/** Held-out images of each domain the feature pictures show: the same ones at every step. */
const SHOWN_PER_DOMAIN = 250;

/** Ten categorical colours (Tableau 10) that stay apart on light and dark backgrounds; classes beyond ten reuse them. */
const classColours: readonly Rgb[] = [
  [78, 121, 167], [242, 142, 43], [225, 87, 89], [118, 183, 178], [89, 161, 79],
  [237, 201, 72], [176, 122, 161], [255, 157, 167], [156, 117, 95], [186, 176, 172],
];

/**
 * DANN's pictures: F's features of fixed held-out images of both domains on their first two
 * principal axes, coloured by domain (the run's sample picture: the domains merge as F learns)
 * and by class (the classes should stay apart while they do).
 */
export function featureViews(features: { predict(x: Tensor): unknown }, data: AdaptationData): { picture: SampleView; views: SampleView[] } {
  // The first of each held-out fifth: the sources keep their examples in no class order (MNIST's is shuffled).
  const pick = (set: Dataset) => datasetSubset(set, Array.from({ length: Math.min(SHOWN_PER_DOMAIN, set.count) }, (_, i) => i), 'shown');
  const [source, target] = [pick(data.heldOut.source), pick(data.heldOut.target)];
  const plane = async () => {
    const [values] = await readAndFree(tf.tidy(() => features.predict(tf.concat([toTensor(source), toTensor(target)], 0)) as Tensor));
    const width = values.length / (source.count + target.count);
    return principalPlane(values, source.count + target.count, width);
  };
  const picture: SampleView = {
    name: 'features-by-domain', title: 'Features by domain',
    description: `F's features of ${source.count} held-out source and ${target.count} target images on their two principal axes: the domains merge as F learns to hide them.`,
    async render() {
      const points = await plane();
      return renderSeries([
        { points: points.subarray(0, source.count * 2), colour: scatterColours.real, label: 'source' },
        { points: points.subarray(source.count * 2), colour: scatterColours.generated, label: 'target' },
      ]);
    },
  };
  const byClass: SampleView = {
    name: 'features-by-class', title: 'Features by class',
    description: 'The same features coloured by class, source and target together: the classes should stay apart while the domains merge.',
    async render() {
      const points = await plane();
      const labels = [...source.labels!, ...target.labels!];
      const series: ScatterSeries[] = data.classNames.map((name, k) => ({
        // The plot's font is small: a class name it cannot draw is shown by its index.
        label: drawable(name) ? name : String(k), colour: classColours[k % classColours.length]!,
        points: Float32Array.from(labels.flatMap((label, i) => (label === k ? [points[i * 2]!, points[i * 2 + 1]!] : []))),
      }));
      return renderSeries(series);
    },
  };
  return { picture, views: [byClass] };
}

function toTensor(set: Dataset): Tensor {
  return tf.tensor(set.values, [set.count, ...set.exampleShape]);
}
