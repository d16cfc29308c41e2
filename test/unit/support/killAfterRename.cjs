// Preloaded into a trainer process (node --require) by the write-order tests: right after a rename
// whose destination matches GAN_STUDIO_TEST_KILL_AFTER_RENAME, the process SIGKILLs itself, as a
// power cut or `kill -9` would stop it at exactly that write boundary.
const fs = require('node:fs');

const pattern = new RegExp(process.env.GAN_STUDIO_TEST_KILL_AFTER_RENAME ?? '(?!)');
const rename = fs.promises.rename;
fs.promises.rename = async function renameThenMaybeDie(from, to) {
  await rename.call(fs.promises, from, to);
  if (pattern.test(String(to))) process.kill(process.pid, 'SIGKILL');
};
