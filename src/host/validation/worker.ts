// The validator worker (dist/configValidator.js): checks configs and notes off the extension
// host's thread, one request at a time, in the order sent.
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../../core/errors';
import { configDiagnostics } from '../configDiagnostics';
import { noteDiagnostics } from '../notes/noteDiagnostics';
import type { ValidationReply, ValidationRequest } from './messages';

const port = parentPort;
if (!port) throw new Error('the config validator runs as a worker thread');

port.on('message', (request: ValidationRequest) => {
  let reply: ValidationReply;
  try {
    const diagnostics = request.kind === 'config'
      ? configDiagnostics(request.text, { file: request.file })
      : noteDiagnostics(request.text, request.file, request.runs);
    reply = { id: request.id, diagnostics };
  } catch (error) {
    reply = { id: request.id, error: errorMessage(error) };
  }
  port.postMessage(reply);
});
