import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { tf } from '../../backend/tf';
import type { Random } from '../../util/random';

/**
 * Shrivastava et al.'s history of generated images, as Zhu et al. use it: until it is full every
 * fake goes in and is shown as it is; then each fake is, by a coin toss, either shown as it is or
 * put in place of a random stored one, which is shown instead. D so keeps seeing what G made a
 * while ago and cannot just chase G's latest move. The images live in a variable (a checkpoint
 * buffer) and every choice comes from the run's stream, so a resume continues it exactly.
 * Within one batch each slot is swapped at most once (a second draw of a slot shows its fake as it is).
 */
export class ImagePool {
  readonly images: Variable;

  constructor(readonly size: number, shape: readonly number[], name: string) {
    this.images = tf.variable(tf.zeros([size, ...shape]), false, name);
  }

  /**
   * The batch D is shown instead of `fakes`, and the pool updated. `stored` is how many fakes went
   * in before this batch (the pool is full from `size` on): the caller counts its updates, so a
   * resume knows it without a saved counter. Call inside a tidy.
   */
  query(fakes: Tensor, stored: number, random: Random): Tensor {
    if (this.size === 0) return fakes;
    const batch = fakes.shape[0]!;
    const shown = new Int32Array(batch).fill(-1); // slot whose stored image is shown instead, per fake
    const writer = new Int32Array(this.size).fill(-1); // fake written into each slot
    for (let i = 0; i < batch; i++) {
      const filled = stored + i;
      if (filled < this.size) {
        writer[filled] = i;
      } else if (random.float() > 0.5) {
        const slot = random.int(this.size);
        if (writer[slot] === -1) {
          writer[slot] = i;
          shown[i] = slot;
        }
      }
    }
    const swapped = Array.from(shown, (slot) => slot >= 0);
    const result = swapped.some(Boolean)
      ? tf.where(mask(swapped, fakes.rank), tf.gather(this.images, Int32Array.from(shown, (slot) => Math.max(slot, 0))), fakes)
      : fakes;
    const written = Array.from(writer, (i) => i >= 0);
    if (written.some(Boolean)) {
      const incoming = tf.gather(fakes, Int32Array.from(writer, (i) => Math.max(i, 0)));
      this.images.assign(tf.where(mask(written, fakes.rank), incoming, this.images));
    }
    return result;
  }

  dispose(): void {
    this.images.dispose();
  }
}

/** A boolean per row, shaped [rows, 1, …] to broadcast over a tensor of `rank` (tf.where broadcasts a rank-1 condition over the last axis). */
function mask(rows: readonly boolean[], rank: number): Tensor {
  return tf.tensor([...rows], [rows.length, ...Array.from({ length: rank - 1 }, () => 1)], 'bool');
}
