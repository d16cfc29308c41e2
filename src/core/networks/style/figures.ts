import type { Tensor } from '@tensorflow/tfjs-core';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import { loadDigitClassifier, type DigitClassifier } from '../../eval/digitClassifier';
import type { LatentSpec, LatentValues } from '../../models/latent';
import { drawLatents } from '../../models/latentDraws';
import type { FamilyFigure } from '../../run/evaluationRecords';
import { Random } from '../../util/random';
import { broadcastW, mapToW, mixStyles, synthesize, type StyleParts } from './views';

/** Pairs measured per evaluation: enough for a share to ±2 points, a few seconds on two cores. */
export const MIXING_PAIRS = 500;
export const PATH_PAIRS = 300;
/** The step along a path; the paper's 1e-4 is below what float32 features resolve here. */
export const PATH_EPSILON = 1e-3;
const FIGURE_SALT = 0x57e2;

/**
 * The style generator's own evaluation figures, read by the shipped digit classifier: how often
 * a mix (coarse styles from w₁, fine from w₂) keeps w₁'s digit and how often it takes w₂'s, and
 * the perceptual path length — in the classifier's feature space, where StyleGAN uses VGG's — along
 * paths in W and in Z. Noise is off throughout, so only the styles vary.
 */
export async function styleFigures(parts: StyleParts, latent: LatentSpec, seed: number): Promise<FamilyFigure[]> {
  const classifier = await loadDigitClassifier();
  try {
    const random = Random.derive(seed, FIGURE_SALT);
    const mixing = await mixingShares(parts, latent, random, classifier);
    const [pathW, pathZ] = await pathLengths(parts, latent, random, classifier);
    return [
      {
        name: 'styleMixingCoarse', label: 'mixes keeping the coarse styles\' digit', value: mixing.coarse, unit: 'share',
        description: 'Of pairs whose own images are different digits, the share of mixes (coarse styles from w₁, fine from w₂) the shipped classifier reads as w₁\'s digit: coarse styles set the digit',
      },
      {
        name: 'styleMixingFine', label: 'mixes taking the fine styles\' digit', value: mixing.fine, unit: 'share', baseline: true,
        description: 'Of the same pairs, the share of mixes read as w₂\'s digit: what the fine styles decide instead',
      },
      {
        name: 'pathLengthW', label: 'path length in W (classifier features)', value: pathW, unit: 'value',
        description: `Perceptual path length: mean squared change of the classifier's features per step ε = ${PATH_EPSILON} along straight lines between two w, over ε² (1 % tails dropped); lower is smoother`,
      },
      {
        name: 'pathLengthZ', label: 'path length in Z (classifier features)', value: pathZ, unit: 'value', baseline: true,
        description: 'The same along great circles between two z: StyleGAN found W\'s paths shorter, the mapping having unwarped the latent space',
      },
    ];
  } finally {
    classifier.dispose();
  }
}

async function mixingShares(parts: StyleParts, latent: LatentSpec, random: Random, classifier: DigitClassifier): Promise<{ coarse: number; fine: number }> {
  const [first, second] = [draw(latent, random, MIXING_PAIRS), draw(latent, random, MIXING_PAIRS)];
  const [own, mixed] = await readAndFree(...tf.tidy(() => {
    const [w1, w2] = [mapToW(parts, first), mapToW(parts, second)];
    return [
      synthesize(parts, broadcastW(tf.concat([w1, w2], 0), parts.styleCount)),
      synthesize(parts, mixStyles(w1, w2, parts.styleCount)),
    ] as const;
  }));
  const [ownLabels, mixedLabels] = [await classifier.predict(own), await classifier.predict(mixed)];
  // Only pairs whose own images are different digits tell coarse from fine (an untrained G draws one blob for every w).
  let differing = 0;
  let coarse = 0;
  let fine = 0;
  for (let i = 0; i < MIXING_PAIRS; i++) {
    if (ownLabels[i] === ownLabels[MIXING_PAIRS + i]) continue;
    differing++;
    if (mixedLabels[i] === ownLabels[i]) coarse++;
    if (mixedLabels[i] === ownLabels[MIXING_PAIRS + i]) fine++;
  }
  return differing ? { coarse: coarse / differing, fine: fine / differing } : { coarse: Number.NaN, fine: Number.NaN };
}

/** Mean squared feature change per ε², in W (lerp between w) and in Z (slerp between z), 1 % tails dropped. */
async function pathLengths(parts: StyleParts, latent: LatentSpec, random: Random, classifier: DigitClassifier): Promise<[number, number]> {
  const [first, second] = [draw(latent, random, PATH_PAIRS), draw(latent, random, PATH_PAIRS)];
  const t = Float32Array.from({ length: PATH_PAIRS }, () => random.float() * (1 - PATH_EPSILON));
  const [inW, inZ] = await readAndFree(...tf.tidy(() => {
    const [w1, w2] = [mapToW(parts, first), mapToW(parts, second)];
    const along = (s: Tensor) => tf.add(w1, tf.mul(tf.sub(w2, w1), s));
    const [at, next] = [tf.tensor2d(t, [PATH_PAIRS, 1]), tf.tensor2d(t.map((value) => value + PATH_EPSILON), [PATH_PAIRS, 1])];
    const wPath = tf.concat([along(at), along(next)], 0);
    const zPath = tf.concat([slerpW(parts, first, second, t, 0), slerpW(parts, first, second, t, PATH_EPSILON)], 0);
    return [synthesize(parts, broadcastW(wPath, parts.styleCount)), synthesize(parts, broadcastW(zPath, parts.styleCount))] as const;
  }));
  return [await pathLength(classifier, inW), await pathLength(classifier, inZ)];
}

/** w of the points a share t (+ step) along the great circle from z₁ to z₂, their lengths interpolated linearly; labels or codes from the first. */
function slerpW(parts: StyleParts, first: LatentValues, second: LatentValues, t: Float32Array, step: number): Tensor {
  const size = first.z.length / first.count;
  const z = new Float32Array(first.z.length);
  for (let i = 0; i < first.count; i++) {
    const a = first.z.subarray(i * size, (i + 1) * size);
    const b = second.z.subarray(i * size, (i + 1) * size);
    const [na, nb] = [Math.hypot(...a), Math.hypot(...b)];
    const cos = Math.min(1, Math.max(-1, a.reduce((sum, value, k) => sum + value * b[k]!, 0) / (na * nb)));
    const angle = Math.acos(cos);
    const s = t[i]! + step;
    const [wa, wb] = angle < 1e-6 ? [1 - s, s] : [Math.sin((1 - s) * angle) / Math.sin(angle), Math.sin(s * angle) / Math.sin(angle)];
    const length = (1 - s) * na + s * nb;
    for (let k = 0; k < size; k++) z[i * size + k] = (wa * a[k]! / na + wb * b[k]! / nb) * length;
  }
  return mapToW(parts, { ...first, z });
}

async function pathLength(classifier: DigitClassifier, images: Float32Array): Promise<number> {
  const features = await classifier.features(images);
  const width = classifier.featureSize;
  const pairs = features.length / width / 2;
  const lengths = Array.from({ length: pairs }, (_, i) => {
    let sum = 0;
    for (let k = 0; k < width; k++) sum += (features[i * width + k]! - features[(pairs + i) * width + k]!) ** 2;
    return sum / PATH_EPSILON ** 2;
  }).sort((a, b) => a - b);
  const kept = lengths.slice(Math.floor(pairs * 0.01), Math.ceil(pairs * 0.99));
  return kept.reduce((sum, value) => sum + value, 0) / kept.length;
}

function draw(latent: LatentSpec, random: Random, count: number): LatentValues {
  const classes = latent.classes ? Array.from({ length: count }, () => random.int(latent.classes!.names.length)) : undefined;
  return drawLatents(random, latent, count, classes);
}
