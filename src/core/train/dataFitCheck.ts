import type { ConcreteBackend } from '../backend/report';
import { batchSizeIssue, imageSizeIssue } from '../config/dataFit';
import { memoryIssue, memoryLimit } from '../config/memoryFit';
import { configErrorInFile } from '../config/parse';
import type { GanConfig } from '../config/schema';
import type { Dataset } from '../data/dataset';
import type { ConfigIssue } from '../errors';

/**
 * The checks validation could not make without the data, made once it is read and before any
 * network is built or run folder made: the network's image size against the images, the batch size
 * against the example count, and the memory training needs against what `backend` can give.
 * Throws a ConfigError on the fields to change, at their lines in `source.file` when it can.
 */
export async function assertDataFits(
  config: GanConfig, dataset: Dataset, backend: ConcreteBackend, source: { readonly file?: string | undefined; readonly hash: string },
): Promise<void> {
  const { model, data, training } = config;
  const images = dataset.kind === 'images' ? dataset.exampleShape : undefined;
  const imageIssue = imageSizeIssue(model, data, images);
  const issues = [
    imageIssue,
    batchSizeIssue(training.batchSize, { count: dataset.count, source: dataset.description }),
    // Estimated only for networks that fit the data.
    imageIssue ? undefined : memoryIssue(config, { exampleShape: dataset.exampleShape, classCount: dataset.classNames?.length ?? 0 }, memoryLimit(backend)),
  ].filter((issue): issue is ConfigIssue => issue !== undefined);
  if (issues.length) throw await configErrorInFile(issues, source.file, source.hash);
}
