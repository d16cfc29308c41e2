import { z } from 'zod';
import { configVersionSchema } from './configVersion';
import { dataSchema } from './dataSchema';
import { evaluationSchema } from './evaluationSchema';
import { familySchema } from '../families/sections';
import { modelSchema } from './modelSchema';
import { objectiveSchema, regularizersSchema } from './objectiveSchema';
import {
  backendSchema, checkpointsSchema, loggingSchema, samplesSchema, trainingSchema,
} from './trainingSchema';

/**
 * The one definition of a GAN Studio config. Types, defaults, the shipped JSON Schema and runtime
 * validation all derive from it; every default lives here, next to its description.
 */
export const ganConfigSchema = z.strictObject({
  $schema: z.string().optional().describe('Editor hint: path or URL of the JSON Schema.'),
  configVersion: configVersionSchema,
  name: z.string().min(1).max(80).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    message: 'use letters, digits, ".", "_" and "-", starting with a letter or digit',
  }).describe('Name of the experiment; runs are named after it.'),
  seed: z.int().min(0).max(2 ** 32 - 1).default(0).describe('Seeds data sampling, weight init, noise and shuffling.'),
  family: familySchema,
  data: dataSchema,
  model: modelSchema.prefault({ kind: 'mlp' }),
  objective: objectiveSchema.prefault({ kind: 'non-saturating' }),
  regularizers: regularizersSchema.prefault({}),
  training: trainingSchema.prefault({}),
  logging: loggingSchema.prefault({}),
  samples: samplesSchema.prefault({}),
  checkpoints: checkpointsSchema.prefault({}),
  evaluation: evaluationSchema.prefault({}),
  backend: backendSchema,
}).describe('A GAN Studio experiment: data, model, objective and training schedule.');

/** A config with every default filled in. */
export type GanConfig = z.output<typeof ganConfigSchema>;
/** A config as a person writes it. */
export type GanConfigInput = z.input<typeof ganConfigSchema>;

export const DEFAULT_STEPS = 2000;
