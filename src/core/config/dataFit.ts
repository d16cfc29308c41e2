import type { ConfigIssue } from '../errors';
import { DCGAN_IMAGE_SIZES } from '../models/dcganGeometry';
import { isToyData } from './dataSchema';
import type { DataConfig } from './dataSchema';
import type { ModelConfig } from './modelSchema';

/**
 * Whether a model and a batch size fit the data. Validation asks with what the config alone tells
 * (a toy set's count, an MNIST limit, a folder's resize); training asks again once the data is
 * read (an IDX file's count and image size, a folder's count), with the same rules.
 */

/** How many examples the data holds and where that number comes from, for the message. */
export interface ExampleCount {
  readonly count: number;
  readonly source: string;
}

/** A batch draws distinct examples; one larger than the data would repeat each of them within the batch. */
export function batchSizeIssue(batchSize: number, examples: ExampleCount | undefined): ConfigIssue | undefined {
  if (!examples || batchSize <= examples.count) return undefined;
  const { count, source } = examples;
  return {
    path: ['training', 'batchSize'],
    message: `found ${batchSize}, but the data holds only ${count} example${count === 1 ? '' : 's'} (${source}); use at most ${count}`,
  };
}

/** The example count the config alone decides, when it does. */
export function configExampleCount(data: DataConfig): ExampleCount | undefined {
  if (isToyData(data)) return { count: data.count, source: 'data.count' };
  if ((data.kind === 'mnist' || data.kind === 'idx') && data.limit !== undefined) return { count: data.limit, source: 'data.limit' };
  return undefined;
}

/** One example's shape when the config alone decides it ([height, width, channels] for images); IDX files say so only once read. */
export function configExampleShape(data: DataConfig): readonly number[] | undefined {
  if (isToyData(data)) return [2];
  if (data.kind === 'mnist') return [28, 28, 1];
  if (data.kind === 'folder') return [data.size, data.size, data.channels];
  return undefined;
}

const sizeList = `${DCGAN_IMAGE_SIZES.slice(0, -1).join(', ')} or ${DCGAN_IMAGE_SIZES.at(-1)}`;

/** A DCGAN's image side against the data's images of shape `shape` ([height, width, channels]). */
export function dcganImageIssue(model: ModelConfig, data: DataConfig, shape: readonly number[] | undefined): ConfigIssue | undefined {
  if (model.kind !== 'dcgan' || !shape || shape.length !== 3) return undefined;
  const [height = 0, width = 0] = shape;
  if (height !== width || !DCGAN_IMAGE_SIZES.includes(height)) {
    // A folder is resized to data.size, so that is the field to change; other data is as it is.
    return data.kind === 'folder'
      ? { path: ['data', 'size'], message: `dcgan handles ${sizeList} pixel images, found ${height}; resize to one of them` }
      : {
        path: ['model', 'kind'],
        message: `dcgan handles square images of ${sizeList} pixels, but ${describeImages(data)} holds ${height}×${width} images; `
          + 'use model kind mlp, or images of one of those sizes',
      };
  }
  if (model.imageSize === undefined || model.imageSize === height) return undefined;
  return {
    path: ['model', 'imageSize'],
    message: `found ${model.imageSize}, but the ${data.kind} images are ${height}×${width}; set imageSize: ${height} or leave it out`,
  };
}

function describeImages(data: DataConfig): string {
  return data.kind === 'idx' ? `data.images (${data.images})` : `the ${data.kind} data`;
}
