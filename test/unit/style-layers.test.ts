import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import { resolvedConfig } from './support/training';
import { styleGeometry } from '../../src/core/networks/style/geometry';
import { defineStyleLayers, STORED_STD } from '../../src/core/networks/style/layers';
import { useTestBackend } from './support/backend';

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string) => {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) assert.ok(Math.abs(actual[i]! - expected[i]!) <= tolerance, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
};

test('a modulated convolution equals convolving each example with its own modulated, demodulated kernel', async () => {
  await useTestBackend();
  const { ModulatedConv } = defineStyleLayers(tf);
  const [count, side, channels, filters, styleWidth, styles] = [3, 5, 4, 6, 7, 3];
  for (const demodulate of [true, false]) {
    const layer = new ModulatedConv({ filters, kernelSize: 3, style: 1, demodulate, kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: STORED_STD, seed: 4 }) });
    const x = tf.randomNormal([count, side, side, channels], 0, 1, 'float32', 1);
    const ws = tf.randomNormal([count, styles, styleWidth], 0, 1, 'float32', 2);
    const y = layer.apply([x, ws]) as Tensor;
    const [styleKernel, styleBias, kernel, bias] = layer.getWeights();
    // The fused form, one example at a time: s = A(w₁), k′ = k·s over input channels, k″ = k′/√(Σ k′² + ε).
    const reference = tf.tidy(() => tf.concat(Array.from({ length: count }, (_, i) => {
      const w = tf.reshape(tf.slice(ws, [i, 1, 0], [1, 1, styleWidth]), [1, styleWidth]);
      const s = tf.add(tf.matMul(w, tf.mul(styleKernel!, 1 / Math.sqrt(styleWidth))), styleBias!);
      const gain = (demodulate ? Math.SQRT2 : 1) / Math.sqrt(9 * channels);
      let k = tf.mul(tf.mul(kernel!, gain), tf.reshape(s, [1, 1, channels, 1])) as Tensor4D;
      if (demodulate) k = tf.mul(k, tf.rsqrt(tf.add(tf.sum(tf.square(k), [0, 1, 2], true), 1e-8)));
      return tf.add(tf.conv2d(tf.slice(x, [i, 0, 0, 0], [1, side, side, channels]) as Tensor4D, k, 1, 'same'), bias!);
    }), 0));
    close(await y.data(), await reference.data(), 1e-4, `demodulate ${demodulate}`);
    if (demodulate) {
      // Demodulation restores unit scale: whatever the style's size, outputs keep about x's variance.
      const { variance } = tf.moments(y);
      const value = (await variance.data())[0]!;
      assert.ok(value > 0.5 && value < 4, `output variance ${value}`);
      variance.dispose();
    }
    tf.dispose([x, ws, y, reference]);
    layer.dispose();
  }
});

test('style mixing: in inference every style row is the example\'s w; in training a drawn example switches to the next example\'s w from its drawn row on', async () => {
  await useTestBackend();
  const { StyleBroadcast } = defineStyleLayers(tf);
  const layer = new StyleBroadcast({ styles: 4, mixing: 0.5, offset: 1 });
  const w = tf.tensor2d([[1, 1], [2, 2], [3, 3]]);
  // Draws per example: one noise value (ignored here), then [mix?, where]: example 0 mixes from row 1 + ⌊0.7·3⌋ = 3; 1 does not (0.9 ≥ 0.5); 2 mixes from row 1.
  const draws = tf.tensor2d([[9, 0.1, 0.7], [9, 0.9, 0.1], [9, 0.2, 0.0]]);
  const rows = async (training: boolean) => {
    const ws = layer.call([w, draws], { training });
    const values = Array.from(await ws.data());
    ws.dispose();
    return Array.from({ length: 3 }, (_, i) => Array.from({ length: 4 }, (_, row) => values[(i * 4 + row) * 2]!));
  };
  assert.deepEqual(await rows(false), [[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]]);
  assert.deepEqual(await rows(true), [[1, 1, 1, 2], [2, 2, 2, 2], [3, 1, 1, 1]]);
  tf.dispose([w, draws]);
});

test('the synthesis layout: 7 → 14 → 28 with channels doubling per halving, one noise map per convolution, RGB styles shared as StyleGAN2 counts them', () => {
  const { config } = resolvedConfig({ name: 's', data: { kind: 'mnist' }, model: { kind: 'style', generator: { channels: 8 } } });
  assert.equal(config.model.kind, 'style');
  if (config.model.kind !== 'style') return;
  const geometry = styleGeometry(config.model, [28, 28, 1]);
  assert.deepEqual(geometry.levels.map((level) => [level.side, level.channels, level.convs.map((conv) => conv.style), level.rgbStyle]),
    [[7, 32, [0], 1], [14, 16, [1, 2], 3], [28, 8, [3, 4], 5]]);
  assert.equal(geometry.styleCount, 6);
  assert.equal(geometry.noiseValues, 49 + 2 * 196 + 2 * 784);
  assert.deepEqual(geometry.levels.flatMap((level) => level.convs.map((conv) => conv.noiseOffset)), [0, 49, 245, 441, 1225]);
  assert.equal(styleGeometry({ ...config.model, generator: { ...config.model.generator, noise: false } }, [28, 28, 1]).noiseValues, 0);
});
