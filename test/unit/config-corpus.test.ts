import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadConfigFile } from '../../src/core/config/parse';
import { ConfigError, formatIssues, formatPath } from '../../src/core/errors';
import { ensureCliBundle, runCli } from './support/cliProcess';

const corpus = join(__dirname, '..', 'fixtures', 'bad-configs');

/** Each bad config: the one field it gets wrong ('' for the document), the line, and part of the message. */
const expected: Readonly<Record<string, readonly [path: string, line: number, message: string]>> = {
  'yaml-syntax-error.gan.yaml': ['', 4, 'YAML syntax error: flow map'],
  'duplicate-key.gan.yaml': ['data.modes', 6, 'duplicate field'],
  'json-trailing-comma.gan.json': ['', 5, "trailing comma before '}' is not allowed in JSON"],
  'json-comment.gan.json': ['', 3, 'comments are not allowed in JSON'],
  'top-level-list.gan.yaml': ['', 2, 'a config must be a mapping of fields such as name: and data:, found a list'],
  'empty.gan.yaml': ['', 1, 'the config is empty'],
  'missing-name.gan.yaml': ['name', 2, "missing required field 'name'"],
  'bad-name-chars.gan.yaml': ['name', 2, 'use letters, digits, ".", "_" and "-", starting with a letter or digit, found "my run!"'],
  'unknown-top-level-key.gan.yaml': ['trainig', 5, "unknown field 'trainig' (allowed: $schema, configVersion, name, seed, family, data, model, objective, regularizers, training, logging, samples, checkpoints, evaluation, backend); did you mean 'training'?"],
  'unknown-data-kind.gan.yaml': ['data.kind', 3, 'found "circle", allowed: ring, grid, spiral, moons, line, two-gaussians, blobs, mnist, folder, idx'],
  'missing-data-kind.gan.json': ['data.kind', 3, "missing required field 'kind' (allowed: ring, grid,"],
  'data-as-string.gan.yaml': ['data', 3, 'expected a mapping with a kind field (kinds: ring, grid,'],
  'ring-modes-zero.gan.yaml': ['data.modes', 4, 'must be an integer between 1 and 64, found 0'],
  'sigma-negative.gan.yaml': ['data.sigma', 4, 'must be a number > 0 and ≤ 10, found -0.1'],
  'grid-size-fraction.gan.yaml': ['data.size', 4, 'must be an integer between 1 and 16, found 2.5'],
  'mnist-digit-12.gan.yaml': ['data.digits[1]', 4, 'must be an integer between 0 and 9, found 12'],
  'folder-without-path.gan.yaml': ['data.path', 2, "missing required field 'path'"],
  'idx-without-images.gan.yaml': ['data.images', 2, "missing required field 'images'"],
  'unknown-model-kind.gan.yaml': ['model.kind', 5, 'found "transformer", allowed: mlp, dcgan'],
  'latent-size-zero.gan.yaml': ['model.latentSize', 6, 'must be an integer between 1 and 1024, found 0'],
  'hidden-empty.gan.yaml': ['model.generator.hidden', 7, 'must list at least 1 item, found an empty list'],
  'hidden-negative.gan.yaml': ['model.discriminator.hidden[0]', 7, 'must be an integer between 1 and 8192, found -5'],
  'bad-activation.gan.yaml': ['model.generator.activation', 7, 'found "gelu", allowed: relu, leakyRelu, elu, selu, tanh, sigmoid, linear'],
  'dcgan-image-size-48.gan.yaml': ['model.imageSize', 6, 'found 48, allowed: 28, 32, 64'],
  'dcgan-on-ring.gan.yaml': ['model.kind', 6, "data kind 'ring' is 2D points; use model kind mlp"],
  'dcgan-folder-size-48.gan.yaml': ['data.size', 5, 'dcgan handles 28, 32 or 64 pixel images, found 48'],
  'dcgan-image-size-mismatch.gan.yaml': ['model.imageSize', 6, 'found 32, but the mnist images are 28×28; set imageSize: 28'],
  'unknown-objective.gan.yaml': ['objective.kind', 5, 'found "vanilla", allowed: minimax, non-saturating, least-squares, wasserstein, hinge'],
  'weight-clip-non-saturating.gan.yaml': ['objective.weightClip', 7, "unknown field 'weightClip' (allowed: kind); 'weightClip' is only for kind wasserstein"],
  'weight-clip-with-gradient-penalty.gan.yaml': ['objective.weightClip', 6, 'use one (WGAN: weightClip, WGAN-GP: gradientPenalty)'],
  'label-smoothing-too-big.gan.yaml': ['regularizers.labelSmoothing', 5, 'must be a number > 0 and < 1, found 1.5'],
  'label-smoothing-wasserstein.gan.yaml': ['regularizers.labelSmoothing', 8, 'the wasserstein loss has no labels to smooth'],
  'augmentation-on-points.gan.yaml': ['regularizers.augmentation', 6, "rotates, zooms and shifts images, but data kind 'ring' is 2D points"],
  'gradient-penalty-negative.gan.yaml': ['regularizers.gradientPenalty.weight', 8, 'must be a number > 0 and ≤ 1000, found -10'],
  'instance-noise-sigma-zero.gan.yaml': ['regularizers.instanceNoise.sigma', 6, 'must be a number > 0 and ≤ 10, found 0'],
  'batch-size-zero.gan.yaml': ['training.batchSize', 5, 'must be an integer between 1 and 4096, found 0'],
  'steps-and-epochs.gan.yaml': ['training.epochs', 6, 'set training.steps or training.epochs, not both'],
  'd-steps-zero.gan.yaml': ['training.dSteps', 5, 'must be an integer between 1 and 100, found 0'],
  'optimizer-adamw.gan.yaml': ['training.generatorOptimizer.kind', 6, "found \"adamw\", allowed: adam, sgd, rmsprop; did you mean 'adam'?"],
  'beta1-one.gan.yaml': ['training.discriminatorOptimizer.beta1', 7, 'must be a number ≥ 0 and < 1, found 1'],
  'learning-rate-string.gan.json': ['training.generatorOptimizer.learningRate', 5, 'expected a number > 0 and ≤ 10, found the string "fast"'],
  'logging-every-zero.gan.yaml': ['logging.every', 5, 'must be an integer ≥ 1, found 0'],
  'checkpoints-keep-last-zero.gan.json': ['checkpoints.keepLast', 4, 'must be an integer between 1 and 1000, found 0'],
  'backend-gpu.gan.yaml': ['backend', 4, 'found "gpu", allowed: auto, tensorflow-gpu, webgpu, tensorflow, wasm, cpu'],
  'seed-negative.gan.yaml': ['seed', 2, 'must be an integer between 0 and 4294967295, found -1'],
  'ring-batch-larger-than-data.gan.yaml': ['training.batchSize', 7, 'found 4096, but the data holds only 16 examples (data.count); use at most 16'],
  'mnist-limit-below-batch.gan.yaml': ['training.batchSize', 6, 'found 64, but the data holds only 1 example (data.limit); use at most 1'],
  'dcgan-1024-channels-batch-4096.gan.yaml': ['training.batchSize', 12, 'needs at least'],
  'dcgan-weights-over-wasm-heap.gan.yaml': ['model.generator.channels', 10, 'the weights, gradients and optimizer state alone need'],
};

test('the corpus and the table of expectations list the same files', () => {
  assert.deepEqual(readdirSync(corpus).sort(), Object.keys(expected).sort());
  assert.ok(Object.keys(expected).length >= 30);
});

for (const [file, [path, line, message]] of Object.entries(expected)) {
  test(`rejects ${file}`, async () => {
    const fullPath = join(corpus, file);
    const error = await loadConfigFile(fullPath).then(
      () => assert.fail(`${file} was accepted`),
      (rejection: unknown) => rejection,
    );
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.equal(error.issues.length, 1, formatIssues(error.issues, file));
    const [issue] = error.issues;
    assert.ok(issue);
    assert.equal(formatPath(issue.path), path);
    assert.equal(issue.line, line, `line of: ${issue.message}`);
    assert.ok(issue.column !== undefined && issue.column >= 1);
    assert.ok(issue.message.includes(message), `"${issue.message}" should contain "${message}"`);

    // What the CLI prints and the Problems panel shows: file:line:column, no stack frames.
    assert.equal(error.file, fullPath);
    assert.ok(error.message.includes(`${basename(file)}:${line}:${issue.column}: `), error.message);
    assert.doesNotMatch(error.message, /^\s+at /m);
  });
}

before(ensureCliBundle);

test('the CLI bundle rejects the whole corpus in one run: exit 2, each file at its line, no stack trace, bounded memory', async () => {
  const files = Object.keys(expected).map((file) => join(corpus, file));
  const result = await runCli(['validate', ...files], undefined, 30_000);
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  for (const [file, [path, line]] of Object.entries(expected)) {
    const where = `${join(corpus, file)}:${line}:`;
    const field = path ? ` ${path}: ` : ' ';
    assert.ok(result.stderr.split('\n').some((report) => report.startsWith(where) && report.includes(`:${field}`, where.length)), `${file} at line ${line}, ${path}`);
  }
  assert.doesNotMatch(result.stderr, /^\s+at /m);
  assert.ok(result.maxRssKiB !== undefined && result.maxRssKiB < 400 * 1024, `peak RSS ${result.maxRssKiB} KiB`);
});
