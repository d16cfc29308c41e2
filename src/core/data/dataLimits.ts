import { formatBytes } from '../util/bytes';

/**
 * How much GAN Studio reads from the data files a config names, stated once. Every reader checks
 * these against what the file says of itself (its size, an image header, an IDX header) before it
 * reads or allocates, so a hostile or mistaken file costs a clear error rather than all the memory.
 */
export const dataLimits = {
  /** One PNG/JPEG file, read whole before it is decoded. */
  imageFileBytes: 128 * 2 ** 20,
  /** One decoded image (4 bytes a pixel while it is resized): 40 megapixels, e.g. 8000×5000. */
  imagePixels: 40_000_000,
  /**
   * A whole image dataset in memory, as 32-bit floats: 2^28 values, 1 GiB (an IDX file gives one
   * byte each, so this also bounds what is read or decompressed from it).
   */
  datasetValues: 2 ** 28,
  /** Entries listed in one image folder, its class subfolders included (CelebA's 202,599 fit). */
  folderEntries: 1_000_000,
} as const;

/** `dataLimits.datasetValues` in words, for messages. */
export const datasetValuesInWords = `${formatCount(dataLimits.datasetValues)} (${formatBytes(dataLimits.datasetValues * Float32Array.BYTES_PER_ELEMENT)} as 32-bit floats)`;

/** A count for a message: exact with thousands separators, or two significant digits past 2^53. */
export function formatCount(value: number): string {
  return Number.isSafeInteger(value) ? value.toLocaleString('en-US') : value.toPrecision(2);
}
