import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataConfig } from '../../src/core/config/dataSchema';
import { ganConfigSchema } from '../../src/core/config/schema';
import type { Dataset } from '../../src/core/data/dataset';
import { sobelEdges } from '../../src/core/data/domains/imageOps';
import { loadDataset } from '../../src/core/data/load';
import { loadMnist } from '../../src/core/data/mnist';
import { isUserError } from '../../src/core/errors';
import { encodePng } from '../../src/core/render/png';
import { refusedFields } from './support/configIssues';
import { tempDir } from './support/training';

const load = (data: unknown, baseDir = '.') => loadDataset(ganConfigSchema.parse({ name: 't', family: { kind: 'cyclegan' }, data }).data as DataConfig, { baseDir, seed: 7 });
const image = (dataset: Dataset, n: number) => {
  const size = dataset.exampleShape.reduce((a, b) => a * b, 1);
  return dataset.values.subarray(n * size, (n + 1) * size);
};
const keys = (dataset: Dataset, sign = 1) => new Set(Array.from({ length: dataset.count }, (_, n) => Array.from(image(dataset, n), (v) => Math.round(sign * v * 100)).join(',')));

test('unpaired digit domains come from disjoint halves, each with a held-out fifth, b passed through its transforms', async () => {
  const data = await load({ kind: 'domains', a: { kind: 'mnist' }, b: { kind: 'mnist', transforms: [{ kind: 'invert' }] } });
  const { translation } = data;
  assert.ok(translation);
  assert.equal(translation.paired, false);
  const all = [translation.source, translation.heldOut.source, data, translation.heldOut.target];
  assert.equal(all.reduce((sum, part) => sum + part.count, 0), 10_000, 'every digit is used once');
  for (const part of all) assert.ok(part.labels && part.labels.length === part.count, part.description);
  assert.ok(Math.abs(translation.heldOut.source.count / (translation.source.count + translation.heldOut.source.count) - 0.2) < 0.01);
  // b's images, inverted back, are none of a's: no pair leaks between the domains.
  const a = keys(translation.source);
  const bInverted = keys(data, -1);
  assert.equal([...bInverted].filter((key) => a.has(key)).length, 0);
  // Inverted: b is bright where the digits' background is dark.
  assert.ok(data.values.reduce((sum, v) => sum + v, 0) / data.values.length > 0.5);
  assert.match(data.description, /unpaired domains: a = .*first half; b = .*second half, inverted/);
});

test('paired domains keep the pairs: b[n] is a[n] passed through the transforms, in training and held out', async () => {
  const data = await load({ kind: 'domains', paired: true, a: { kind: 'mnist', limit: 500 }, b: { kind: 'mnist', limit: 500, transforms: [{ kind: 'edges' }] } });
  const { translation } = data;
  assert.ok(translation?.paired);
  assert.equal(data.count + translation.heldOut.target.count, 500);
  for (const [from, to] of [[translation.source, data], [translation.heldOut.source, translation.heldOut.target]] as const) {
    assert.equal(from.count, to.count);
    assert.deepEqual(Array.from(from.labels!), Array.from(to.labels!));
    for (const n of [0, Math.floor(from.count / 2), from.count - 1]) {
      const edges = sobelEdges({ height: 28, width: 28, channels: 1, values: Float32Array.from(image(from, n)) });
      assert.deepEqual(Array.from(image(to, n)), Array.from(edges.values), `pair ${n}`);
    }
  }
});

test('a coloured domain is RGB beside a grey one; downsampling changes the shape', async () => {
  const data = await load({ kind: 'domains', a: { kind: 'mnist', limit: 200 }, b: { kind: 'mnist', limit: 200, transforms: [{ kind: 'colored' }] } });
  assert.deepEqual(data.exampleShape, [28, 28, 3]);
  assert.deepEqual(data.translation!.source.exampleShape, [28, 28, 1]);
  const small = await load({
    kind: 'domains', paired: true, a: { kind: 'mnist', limit: 100, transforms: [{ kind: 'downsample' }] }, b: { kind: 'mnist', limit: 100, transforms: [{ kind: 'downsample' }, { kind: 'invert' }] },
  });
  assert.deepEqual(small.exampleShape, [14, 14, 1]);
  const mnist = await loadMnist({ kind: 'mnist', limit: 100 });
  assert.equal(small.count + small.translation!.heldOut.target.count, mnist.count);
});

test('the CycleGAN folder layout works as it is: trainA/ and trainB/ as two folder domains', async () => {
  const root = tempDir();
  for (const [side, count, colour] of [['trainA', 6, 30], ['trainB', 9, 220]] as const) {
    fs.mkdirSync(path.join(root, side));
    for (let i = 0; i < count; i++) {
      fs.writeFileSync(path.join(root, side, `${i}.png`), encodePng({ width: 8, height: 8, data: new Uint8Array(256).fill(colour + i) }));
    }
  }
  const data = await load({ kind: 'domains', a: { kind: 'folder', path: 'trainA', size: 8 }, b: { kind: 'folder', path: 'trainB', size: 8 } }, root);
  assert.equal(data.translation!.source.count + data.translation!.heldOut.source.count, 6);
  assert.equal(data.count + data.translation!.heldOut.target.count, 9);
  assert.deepEqual(data.exampleShape, [8, 8, 3]);
  // Two folders of other sizes cannot be translated into each other; paired folders need equal counts.
  await assert.rejects(load({ kind: 'domains', a: { kind: 'folder', path: 'trainA', size: 8 }, b: { kind: 'folder', path: 'trainB', size: 16 } }, root),
    (error: Error) => isUserError(error) && /domain a holds 8×8 images and domain b 16×16/.test(error.message));
  await assert.rejects(load({ kind: 'domains', paired: true, a: { kind: 'folder', path: 'trainA', size: 8 }, b: { kind: 'folder', path: 'trainB', size: 8 } }, root),
    (error: Error) => isUserError(error) && /domain a holds 6 images and domain b 9; paired domains/.test(error.message));
});

test('validation names the transform, the family or the field that does not fit two-domain data', () => {
  const head = 'name: t\nfamily:\n  kind: cyclegan\n';
  const edgesOnColour = refusedFields(`${head}data:\n  kind: domains\n  a: { kind: mnist }\n  b: { kind: mnist, transforms: [{ kind: colored }, { kind: edges }] }\n`);
  assert.match(edgesOnColour.get('data.b.transforms.1') ?? '', /edges works on grey images, but these have 3 channels/);
  const oddFactor = refusedFields(`${head}data:\n  kind: domains\n  a: { kind: mnist, transforms: [{ kind: downsample, factor: 4 }, { kind: blur }] }\n  b: { kind: mnist }\n`);
  assert.match(oddFactor.get('data.a.transforms.1') ?? '', /factor 2 does not divide the 7×7 images/);
  const zeroStroke = refusedFields(`${head}data:\n  kind: domains\n  a: { kind: mnist, transforms: [{ kind: stroke, steps: 0 }] }\n  b: { kind: mnist }\n`);
  assert.match(zeroStroke.get('data.a.transforms.0.steps') ?? '', /other than 0/);
  assert.match(refusedFields(`${head}data:\n  kind: mnist\n`).get('data.kind') ?? '', /the cyclegan family translates between two image domains; use data kind domains/);
  assert.match(refusedFields('name: t\ndata:\n  kind: domains\n  a: { kind: mnist }\n  b: { kind: mnist }\n').get('data.kind') ?? '',
    /two domains are data for family.kind cyclegan, pix2pix, dann; the gan family learns one dataset/);
  const unpaired = refusedFields('name: t\nfamily:\n  kind: pix2pix\ndata:\n  kind: domains\n  a: { kind: mnist }\n  b: { kind: mnist }\n');
  assert.match(unpaired.get('data.paired') ?? '', /learns from pairs/);
  const identity = refusedFields(`name: t\nfamily:\n  kind: cyclegan\n  identityWeight: 0.5\ndata:\n  kind: domains\n  a: { kind: mnist }\n  b: { kind: mnist, transforms: [{ kind: colored }] }\n`);
  assert.match(identity.get('family.identityWeight') ?? '', /domain a has 1 channel and domain b 3/);
  const deep = refusedFields('name: t\nfamily:\n  kind: pix2pix\n  generator: { depth: 3 }\ndata:\n  kind: domains\n  paired: true\n  a: { kind: mnist }\n  b: { kind: mnist }\n');
  assert.match(deep.get('family.generator.depth') ?? '', /must divide by 8, but the images are 28×28/);
  const model = refusedFields(`${head}data:\n  kind: domains\n  a: { kind: mnist }\n  b: { kind: mnist }\nmodel:\n  kind: mlp\n  conditional: {}\n`);
  assert.match(model.get('model') ?? '', /the cyclegan family builds its own networks \(sized by family.generator and family.discriminator\); remove model/);
  const refused = refusedFields(`${head}data:\n  kind: domains\n  a: { kind: mnist }\n  b: { kind: mnist }\nregularizers:\n  augmentation: {}\nobjective:\n  kind: wasserstein\n`);
  assert.match(refused.get('regularizers.augmentation') ?? '', /the cyclegan family/);
  assert.match(refused.get('objective.kind') ?? '', /use least-squares or non-saturating/);
});
