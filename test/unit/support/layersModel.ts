import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { io } from '@tensorflow/tfjs-core';

/** Loads an exported model.json and its one weights.bin from a folder, as a plain TF.js script would with its own handler. */
export function fileHandler(dir: string): io.IOHandler {
  return {
    load: async () => {
      const model = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as {
        modelTopology: object; weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
      };
      const group = model.weightsManifest[0]!;
      assert.deepEqual(group.paths, ['weights.bin']);
      const bytes = fs.readFileSync(path.join(dir, group.paths[0]!));
      return {
        modelTopology: model.modelTopology,
        weightSpecs: group.weights,
        weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      };
    },
  };
}
