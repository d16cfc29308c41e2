import type { ConfigIssue } from '../errors';
import { networkKindsFor, networkTraits } from '../networks/shapes';
import { domainShape } from '../data/domains/domainShape';
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
  // What the translation writes (a → b) and the discriminators read: domain b after its transforms.
  if (data.kind === 'domains') return domainShape(data.b);
  return undefined;
}

const inWords = (sizes: readonly number[]) => sizes.length > 1 ? `${sizes.slice(0, -1).join(', ')} or ${sizes.at(-1)}` : `${sizes[0]}`;

/** What the data is, against the kinds of data the model's network kind generates: 2D points or images. */
export function dataKindIssue(model: ModelConfig, data: DataConfig): ConfigIssue | undefined {
  const wanted = isToyData(data) ? 'points' : 'images';
  const { dataKinds } = networkTraits(model);
  if (dataKinds.includes(wanted)) return undefined;
  const other = wanted === 'points' ? 'image data: mnist, folder, idx' : '2D point data: ring, grid, moons…';
  return {
    path: ['model', 'kind'],
    message: `${model.kind} generates ${dataKinds.map((kind) => kind === 'points' ? '2D points' : kind).join(' and ')}, but data kind `
      + `'${data.kind}' is ${wanted === 'points' ? '2D points' : 'images'}; use model kind ${networkKindsFor(wanted).join(' or ')} (or ${other})`,
  };
}

/** A network kind's image sides (DCGAN: square, 28, 32 or 64) against the data's images of shape `shape` ([height, width, channels]). */
export function imageSizeIssue(model: ModelConfig, data: DataConfig, shape: readonly number[] | undefined): ConfigIssue | undefined {
  const { imageSizes } = networkTraits(model);
  if (!imageSizes || !shape || shape.length !== 3) return undefined;
  const [height = 0, width = 0] = shape;
  if (height !== width || !imageSizes.includes(height)) {
    // A folder is resized to data.size, so that is the field to change; other data is as it is.
    return data.kind === 'folder'
      ? { path: ['data', 'size'], message: `${model.kind} handles ${inWords(imageSizes)} pixel images, found ${height}; resize to one of them` }
      : {
        path: ['model', 'kind'],
        message: `${model.kind} handles square images of ${inWords(imageSizes)} pixels, but ${describeImages(data)} holds ${height}×${width} images; `
          + `use model kind ${networkKindsFor('images', height, width).join(' or ')}, or images of one of those sizes`,
      };
  }
  if (!('imageSize' in model) || model.imageSize === undefined || model.imageSize === height) return undefined;
  return {
    path: ['model', 'imageSize'],
    message: `found ${model.imageSize}, but the ${data.kind} images are ${height}×${width}; set imageSize: ${height} or leave it out`,
  };
}

function describeImages(data: DataConfig): string {
  return data.kind === 'idx' ? `data.images (${data.images})` : `the ${data.kind} data`;
}
