import type { GaussianMixture } from '../data/dataset';

/** A sample this many σ from its nearest mode or nearer is high quality (VEEGAN/PacGAN). */
export const HIGH_QUALITY_SIGMAS = 3;

/** Samples the VEEGAN/PacGAN tables score on; callers draw this many for comparable figures. */
export const MODE_COVERAGE_SAMPLES = 2500;

export interface ModeCoverage {
  /** Modes with at least one high-quality sample nearest to them. */
  readonly modesCovered: number;
  readonly modes: number;
  /** Share of samples within 3σ of their nearest mode. */
  readonly highQualityShare: number;
  /** High-quality samples per mode. */
  readonly perMode: readonly number[];
  /** Mean distance from a sample to its nearest mode, in units of σ. */
  readonly meanDistanceInSigmas: number;
  /** KL divergence (nats) of the high-quality samples' mode histogram from uniform: see modeHistogramKl. */
  readonly modeKl: number;
}

/**
 * Mode coverage of 2D samples on a Gaussian mixture, as defined by VEEGAN (Srivastava et al. 2017)
 * and PacGAN: a sample is high quality if it lies within 3σ of its nearest mode; a mode is covered
 * if at least one high-quality sample is nearest to it.
 */
export function modeCoverage(points: ArrayLike<number>, mixture: GaussianMixture): ModeCoverage {
  const perMode = new Array<number>(mixture.centers.length).fill(0);
  const limit = HIGH_QUALITY_SIGMAS * mixture.sigma;
  let highQuality = 0;
  let distanceSum = 0;
  const count = Math.floor(points.length / 2);
  for (let i = 0; i < count; i++) {
    const { mode, distance } = nearestMode(points[2 * i]!, points[2 * i + 1]!, mixture);
    distanceSum += distance;
    if (distance <= limit) {
      highQuality++;
      perMode[mode]! += 1;
    }
  }
  return {
    modesCovered: perMode.filter((n) => n > 0).length,
    modes: perMode.length,
    highQualityShare: count ? highQuality / count : 0,
    perMode,
    meanDistanceInSigmas: count ? distanceSum / count / mixture.sigma : 0,
    modeKl: modeHistogramKl(perMode),
  };
}

/** Each 2D point's nearest mode (however far): a mixture's "class" per point. */
export function nearestModes(points: ArrayLike<number>, mixture: GaussianMixture): Int32Array {
  return Int32Array.from({ length: Math.floor(points.length / 2) }, (_, i) => nearestMode(points[2 * i]!, points[2 * i + 1]!, mixture).mode);
}

function nearestMode(x: number, y: number, mixture: GaussianMixture): { mode: number; distance: number } {
  let mode = -1;
  let distance = Infinity;
  mixture.centers.forEach(([cx, cy], candidate) => {
    const d = Math.hypot(x - cx, y - cy);
    if (d < distance) { distance = d; mode = candidate; }
  });
  return { mode, distance };
}

/**
 * KL(p ‖ uniform) = Σ pᵢ log(K pᵢ) in nats, where p is the histogram of high-quality samples over
 * the K modes, normalised (the "reverse KL" of PacGAN's tables; 0 = every mode equally often).
 * This direction stays finite when modes are missed: an empty mode adds 0 (0·log 0 = 0), and the
 * worst case, every high-quality sample on one mode, gives log K. With no high-quality samples at
 * all p is undefined; that counts as the worst case too, log K, so a run that produces nothing near
 * a mode never scores better than one that collapsed onto a single mode.
 */
export function modeHistogramKl(perMode: readonly number[]): number {
  const modes = perMode.length;
  const total = perMode.reduce((sum, n) => sum + n, 0);
  if (modes === 0) return 0;
  if (total === 0) return Math.log(modes);
  let kl = 0;
  for (const n of perMode) {
    if (n > 0) kl += (n / total) * Math.log((modes * n) / total);
  }
  return Math.max(kl, 0);
}
