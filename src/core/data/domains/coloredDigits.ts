import type { Random } from '../../util/random';
import type { Image } from './imageOps';

/**
 * An MNIST-M-like image: the grey digit blended by difference onto a coloured texture, as MNIST-M
 * blends digits onto photo patches (Ganin et al. 2016). The photos (BSDS500) cannot ship, so each
 * background is procedural: a base colour plus a few random plane waves per channel, drawn from
 * `random` (the data's seed), different for every image. |background − digit| keeps the digit's
 * shape in every channel while its colour and the background's change from image to image.
 */
export function coloredDigit(digit: Image, random: Random): Image {
  const { height, width, values } = digit;
  if (digit.channels !== 1) throw new Error('coloredDigit needs a grey digit');
  const out = new Float32Array(height * width * 3);
  for (let c = 0; c < 3; c++) {
    const base = random.float();
    const waves = Array.from({ length: 3 }, () => ({
      kx: (random.float() * 2 - 1) * 0.6, ky: (random.float() * 2 - 1) * 0.6,
      phase: random.float() * 2 * Math.PI, amplitude: random.float() * 0.25,
    }));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let background = base;
        for (const wave of waves) background += wave.amplitude * Math.sin(wave.kx * x + wave.ky * y + wave.phase);
        background = Math.min(Math.max(background, 0), 1);
        const ink = (values[y * width + x]! + 1) / 2;
        out[(y * width + x) * 3 + c] = Math.abs(background - ink) * 2 - 1;
      }
    }
  }
  return { height, width, channels: 3, values: out };
}
