import type { CommandFactory } from './command';
import { deleteRun } from './deleteRun';
import { encodeRun } from './encodeRun';
import { evaluateRun } from './evaluateRun';
import { exportGenerator } from './exportGenerator';
import { insertSnapshot } from './insertSnapshot';
import { openNotePreview } from './openNotePreview';
import { installNativeBackend } from './installNativeBackend';
import { newConfigFromTemplate } from './newConfigFromTemplate';
import { openDashboard } from './openDashboard';
import { openRunFolder } from './openRunFolder';
import { pauseRun } from './pauseRun';
import { refreshRuns } from './refreshRuns';
import { resumeFromCheckpoint } from './resumeFromCheckpoint';
import { resumeRun } from './resumeRun';
import { showLog } from './showLog';
import { stopRun } from './stopRun';
import { trainConfig } from './trainConfig';
import { trainNoteBlock } from './trainNoteBlock';
import { translateImages } from './translateImages';

/** Every contributed command (package.json "contributes.commands" lists the same ids). */
export const commandFactories: readonly CommandFactory[] = [
  trainConfig, stopRun, pauseRun, resumeRun, resumeFromCheckpoint, openDashboard, openRunFolder, deleteRun,
  newConfigFromTemplate, exportGenerator, encodeRun, translateImages, evaluateRun, installNativeBackend, refreshRuns, showLog, trainNoteBlock, insertSnapshot, openNotePreview,
];
