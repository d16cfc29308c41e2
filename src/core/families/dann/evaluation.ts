import type { Tensor } from '@tensorflow/tfjs-core';
import type { Dataset } from '../../data/dataset';
import type { FamilyFigure } from '../../run/evaluationRecords';
import { classifierAccuracy, predictInChunks } from '../shared/classifierAccuracy';
import type { AdaptationData } from './data';
import type { DannNetworks } from './networks';

/**
 * DANN's figures on the held-out fifths, which nothing trained on: its accuracy on the target
 * beside the source-only network's (what adapting must beat) and the target-trained one's (the
 * upper bound), its accuracy on the source, and how well the domain head still tells the domains apart.
 */
export async function adaptationFigures(networks: DannNetworks, data: AdaptationData): Promise<FamilyFigure[]> {
  const { source, target } = data.heldOut;
  const onTarget = `the ${target.count} held-out target images`;
  return [
    {
      name: 'targetAccuracy', label: 'DANN on target', unit: 'share', value: await classifierAccuracy(networks.classifier, target),
      description: `Accuracy of DANN's classifier (F and its label head) on ${onTarget}, whose labels it never trained on.`,
    },
    {
      name: 'sourceOnlyAccuracy', label: 'source-only on target', unit: 'share', baseline: true, value: await classifierAccuracy(networks.sourceOnly, target),
      description: `The same network from the same initial weights, trained on the source's labels alone (λ = 0), on ${onTarget}: what DANN must beat.`,
    },
    {
      name: 'targetTrainedAccuracy', label: 'trained on target labels', unit: 'share', baseline: true, value: await classifierAccuracy(networks.targetTrained, target),
      description: `The same network trained on the target's own labels, on ${onTarget}: the upper bound adapting approaches.`,
    },
    {
      name: 'sourceAccuracy', label: 'DANN on source', unit: 'share', value: await classifierAccuracy(networks.classifier, source),
      description: `Accuracy of DANN's classifier on the ${source.count} held-out source images: what adapting must not lose.`,
    },
    {
      name: 'domainAccuracy', label: 'domain head accuracy', unit: 'share', value: await domainAccuracy(networks, source, target),
      description: 'Share of held-out source and target images whose domain the domain head names from F\'s features: 50 % (chance) is success.',
    },
  ];
}

/** The domain head's accuracy over both held-out sets, each weighing half whatever their sizes. */
async function domainAccuracy(networks: DannNetworks, source: Dataset, target: Dataset): Promise<number> {
  const [sourceRight, targetRight] = [await shareJudged(networks, source, false), await shareJudged(networks, target, true)];
  return (sourceRight + targetRight) / 2;
}

/** The share of `set` the domain head places in the target domain (`target` true) or the source. */
async function shareJudged(networks: DannNetworks, set: Dataset, target: boolean): Promise<number> {
  const logits = await predictInChunks(set, (x) => networks.domainHead.predict(networks.features.predict(x) as Tensor) as Tensor);
  return logits.filter((logit) => (logit > 0) === target).length / set.count;
}
