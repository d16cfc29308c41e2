import type { GaussianMixture } from '../data/dataset';

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
}

/**
 * Mode coverage of 2D samples on a Gaussian mixture, as defined by VEEGAN (Srivastava et al. 2017)
 * and PacGAN: a sample is high quality if it lies within 3σ of its nearest mode; a mode is covered
 * if at least one high-quality sample is nearest to it.
 */
export function modeCoverage(points: ArrayLike<number>, mixture: GaussianMixture): ModeCoverage {
  const perMode = new Array<number>(mixture.centers.length).fill(0);
  const limit = 3 * mixture.sigma;
  let highQuality = 0;
  let distanceSum = 0;
  const count = Math.floor(points.length / 2);
  for (let i = 0; i < count; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    let nearest = -1;
    let best = Infinity;
    mixture.centers.forEach(([cx, cy], mode) => {
      const distance = Math.hypot(x - cx, y - cy);
      if (distance < best) { best = distance; nearest = mode; }
    });
    distanceSum += best;
    if (best <= limit) {
      highQuality++;
      perMode[nearest]! += 1;
    }
  }
  return {
    modesCovered: perMode.filter((n) => n > 0).length,
    modes: perMode.length,
    highQualityShare: count ? highQuality / count : 0,
    perMode,
    meanDistanceInSigmas: count ? distanceSum / count / mixture.sigma : 0,
  };
}
