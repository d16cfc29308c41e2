import type { ToyDataConfig } from '../config/dataSchema';
import { Random } from '../util/random';
import type { Dataset } from './dataset';
import { sampleMixture, type ToyShape } from './toyShape';

// Toy data draws from its own stream, so changing how models initialise never changes the data.
const toyDataSalt = 0x70f2d;

/**
 * Samples a toy 2D distribution once into `count` points scaled by one factor per distribution
 * (from its parameters) so everything lies in [-1, 1]². Same seed and config → identical data.
 */
export function generateToyDataset(config: ToyDataConfig, seed: number): Dataset {
  const shape = toyShape(config, Random.derive(seed, toyDataSalt));
  const scale = 1 / shape.extent;
  const values = shape.points.map((v) => clampUnit(v * scale));
  const mixture = shape.mixture && {
    centers: shape.mixture.centers.map(([x, y]) => [x * scale, y * scale] as const),
    sigma: shape.mixture.sigma * scale,
  };
  return {
    description: `${shape.description} (${config.count} points)`,
    kind: 'points',
    exampleShape: [2],
    count: config.count,
    values,
    ...(mixture && { mixture }),
  };
}

// The extent covers ±3σ, so the ~0.3% of draws beyond it are pulled onto the boundary.
function clampUnit(v: number): number {
  return Math.min(1, Math.max(-1, v));
}

function toyShape(config: ToyDataConfig, rng: Random): ToyShape {
  const { count } = config;
  switch (config.kind) {
    case 'ring': {
      const { modes, radius, sigma } = config;
      const centers = Array.from({ length: modes }, (_, k) => {
        const angle = (2 * Math.PI * k) / modes;
        return [radius * Math.cos(angle), radius * Math.sin(angle)] as const;
      });
      return {
        description: `ring of ${modes} Gaussians, radius ${radius}, σ ${sigma}`,
        ...sampleMixture(rng, centers, sigma, count),
      };
    }
    case 'grid': {
      const { size, spacing, sigma } = config;
      const offset = (i: number) => (i - (size - 1) / 2) * spacing;
      const centers = Array.from({ length: size * size }, (_, k) =>
        [offset(k % size), offset(Math.floor(k / size))] as const);
      return {
        description: `${size}×${size} grid of Gaussians, spacing ${spacing}, σ ${sigma}`,
        ...sampleMixture(rng, centers, sigma, count),
      };
    }
    case 'two-gaussians': {
      const { separation, sigma } = config;
      // Along the diagonal, as in GAN Lab, which uses the square view best.
      const half = separation / 2 / Math.SQRT2;
      return {
        description: `two Gaussians, separation ${separation}, σ ${sigma}`,
        ...sampleMixture(rng, [[-half, -half], [half, half]], sigma, count),
      };
    }
    case 'blobs': {
      const { blobs, sigma } = config;
      // Sunflower (golden-angle) layout: irregular yet well separated (≥ 0.44 apart for 12 blobs).
      const goldenAngle = Math.PI * (3 - Math.sqrt(5));
      const centers = Array.from({ length: blobs }, (_, k) => {
        const r = Math.sqrt((k + 0.5) / blobs);
        return [r * Math.cos(k * goldenAngle), r * Math.sin(k * goldenAngle)] as const;
      });
      // Unequal masses (1 : … : 2) so a generator that drops the light blobs is caught.
      const weights = centers.map((_, k) => 1 + k / (blobs - 1));
      return {
        description: `${blobs} disjoint blobs of unequal weight, σ ${sigma}`,
        ...sampleMixture(rng, centers, sigma, count, weights),
      };
    }
    case 'spiral': {
      const { turns, noise } = config;
      const points = new Float32Array(count * 2);
      for (let i = 0; i < count; i++) {
        // √u makes points roughly uniform along the arc, whose length grows with the radius.
        const t = Math.sqrt(rng.float());
        const angle = 2 * Math.PI * turns * t;
        points[2 * i] = t * Math.cos(angle) + noise * rng.normal();
        points[2 * i + 1] = t * Math.sin(angle) + noise * rng.normal();
      }
      return { description: `spiral of ${turns} turns, noise ${noise}`, points, extent: 1 + 3 * noise };
    }
    case 'moons': {
      const { noise } = config;
      const points = new Float32Array(count * 2);
      for (let i = 0; i < count; i++) {
        // scikit-learn's moons, centred on the origin: x ∈ [-1.5, 1.5], y ∈ [-0.75, 0.75].
        const t = Math.PI * rng.float();
        const side = i % 2 === 0 ? 1 : -1;
        points[2 * i] = side * (Math.cos(t) - 0.5) + noise * rng.normal();
        points[2 * i + 1] = side * (Math.sin(t) - 0.25) + noise * rng.normal();
      }
      return { description: `two moons, noise ${noise}`, points, extent: 1.5 + 3 * noise };
    }
    case 'line': {
      const { noise } = config;
      const points = new Float32Array(count * 2);
      for (let i = 0; i < count; i++) {
        // Uniform along the diagonal from (-1,-1)/√2 to (1,1)/√2, Gaussian across it.
        const along = 2 * rng.float() - 1;
        const across = noise * rng.normal();
        points[2 * i] = (along - across) / Math.SQRT2;
        points[2 * i + 1] = (along + across) / Math.SQRT2;
      }
      return { description: `line, noise ${noise}`, points, extent: (1 + 3 * noise) / Math.SQRT2 };
    }
  }
}
