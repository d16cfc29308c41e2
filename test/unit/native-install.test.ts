import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  NativeInstallError,
  defaultPackageSpec,
  describeInstallFailure,
  installNativeBackend,
  installableBackends,
  isNativeInstalled,
  nativeInstallDir,
  nativeTfjsVersion,
} from '../../src/host/nativeInstall';
import type { NativePackageSpec } from '../../src/host/nativeInstall';

const fixtures = path.join(__dirname, '..', 'fixtures', 'native-install');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');
const pureJsNote = /The pure-JS backends \(wasm, cpu\) keep working\.$/;

function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gan-native-${label}-`));
}

/** Asserts the message matches every pattern and ends with the pure-JS note. */
function assertMessage(message: string, ...patterns: RegExp[]): void {
  for (const pattern of patterns) assert.match(message, pattern);
  assert.match(message, pureJsNote);
}

test('the pinned native version is the installed tfjs-core version', () => {
  const core = JSON.parse(fs.readFileSync(require.resolve('@tensorflow/tfjs-core/package.json'), 'utf8')) as { version: string };
  assert.equal(nativeTfjsVersion, core.version);
});

test('the table names each backend\'s package at its version: the natives at tfjs-core\'s, Dawn at 0.6.2', () => {
  assert.deepEqual(defaultPackageSpec('tensorflow-gpu'), { name: '@tensorflow/tfjs-node-gpu', spec: `@tensorflow/tfjs-node-gpu@${nativeTfjsVersion}` });
  assert.deepEqual(defaultPackageSpec('tensorflow'), { name: '@tensorflow/tfjs-node', spec: `@tensorflow/tfjs-node@${nativeTfjsVersion}` });
  assert.deepEqual(defaultPackageSpec('webgpu'), { name: 'webgpu', spec: 'webgpu@0.6.2' });
});

describe('the webgpu load check\'s verdict', () => {
  const verdict = (line: string) => installableBackends.webgpu.verdict(line, 'webgpu 0.6.2');

  test('a software adapter installs, but the message says auto will not use it', () => {
    const lavapipe = { vendor: 'mesa', architecture: 'software', device: 'llvmpipe', description: 'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)', isFallbackAdapter: true };
    const found = verdict(JSON.stringify({ adapter: lavapipe }));
    assert.equal(found?.ready, false);
    assert.match(found.message, /^webgpu 0\.6\.2 is installed, but Dawn found only a software adapter, llvmpipe: Mesa 25\.0\.7 \(LLVM 15\.0\.6\) \(mesa, software\): /);
    assert.match(found.message, /so auto will not use it \(backend "webgpu" does, for testing\)\. To train on a GPU, install your GPU's Vulkan driver/);
  });

  test('a line that is not the check\'s gives no verdict (the install then fails)', () => {
    for (const line of ['', 'Warning: something', '{"gpu":true}', '{"adapter":"nvidia"}']) assert.equal(verdict(line), undefined, line);
  });
});

test('the install folder is <storage>/native', () => {
  assert.equal(nativeInstallDir(path.join('/store', 'gan')), path.join('/store', 'gan', 'native'));
});

describe('describeInstallFailure', () => {
  test('real npm output, default reporter: the libtensorflow download from storage.googleapis.com failed', () => {
    const message = describeInstallFailure('tensorflow', fixture('npm-libtensorflow-download.txt'), 'npm');
    assertMessage(message,
      /^@tensorflow\/tfjs-node could not finish installing/,
      /needs to download libtensorflow from storage\.googleapis\.com at install time/,
      /\(getaddrinfo ENOTFOUND storage\.googleapis\.com\)/,
      /TFJS_NODE_CDN_STORAGE/);
  });

  test('real npm output with --foreground-scripts gives the same diagnosis', () => {
    const message = describeInstallFailure('tensorflow', fixture('npm-libtensorflow-download-foreground.txt'), 'npm');
    assertMessage(message, /download libtensorflow from storage\.googleapis\.com/, /getaddrinfo ENOTFOUND storage\.googleapis\.com/);
  });

  test('real npm output for an unreachable registry names the request and the reason', () => {
    const message = describeInstallFailure('tensorflow-gpu', fixture('npm-registry-enotfound.txt'), 'npm');
    assertMessage(message,
      /^npm could not reach the package registry \(https:\/\/registry\.gan-studio\.invalid\/@tensorflow%2ftfjs-node\)/,
      /download @tensorflow\/tfjs-node-gpu: getaddrinfo ENOTFOUND registry\.gan-studio\.invalid\./,
      /npm config get proxy/);
    assert.doesNotMatch(message, /libtensorflow/);
  });

  test('bare network error codes are network failures', () => {
    for (const code of ['EAI_AGAIN', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET']) {
      assertMessage(describeInstallFailure('tensorflow', `npm error code ${code}\nnpm error errno ${code}`, 'npm'),
        new RegExp(`could not reach the package registry to download @tensorflow/tfjs-node: ${code}\\.`));
    }
  });

  test('EACCES names the path npm could not write', () => {
    const output = [
      'npm error code EACCES',
      'npm error syscall mkdir',
      'npm error path /home/ana/.config/Code/User/globalStorage/gan-studio.gan-studio/native/node_modules',
      'npm error errno -13',
      "npm error Error: EACCES: permission denied, mkdir '/home/ana/.config/Code/User/globalStorage/gan-studio.gan-studio/native/node_modules'",
    ].join('\n');
    assertMessage(describeInstallFailure('tensorflow', output, 'npm'),
      /^Permission denied \(EACCES\) writing \/home\/ana\/\.config\/Code\/User\/globalStorage\/gan-studio\.gan-studio\/native\/node_modules while installing @tensorflow\/tfjs-node\./);
  });

  test('EPERM on Windows mentions files in use', () => {
    const output = "npm error code EPERM\nnpm error Error: EPERM: operation not permitted, unlink 'C:\\Users\\ana\\native\\node_modules\\@tensorflow\\tfjs-node\\lib\\napi-v8\\tfjs_binding.node'";
    assertMessage(describeInstallFailure('tensorflow', output, 'npm'), /Permission denied \(EPERM\)/, /reload the window/);
  });

  test('ENOSPC, even during the libtensorflow download, is a full disk', () => {
    const output = "* Downloading libtensorflow\nError: ENOSPC: no space left on device, write\nnpm error code 1";
    assertMessage(describeInstallFailure('tensorflow-gpu', output, 'npm'), /^The disk is full: installing @tensorflow\/tfjs-node-gpu failed with ENOSPC/);
  });

  test('a GPU build missing libcudart.so.11.0 reads as the training error and the doctor do, then says to reload', () => {
    const output = 'libcudart.so.11.0: cannot open shared object file: No such file or directory\nthe load check exited with code 1';
    assertMessage(describeInstallFailure('tensorflow-gpu', output, 'load'),
      /^@tensorflow\/tfjs-node-gpu is installed but failed to load: CUDA 11\.2 runtime missing \(libcudart\.so\.11\.0 not found\); /,
      /its libtensorflow 2\.9\.1 needs CUDA 11\.2 and cuDNN 8\.1/,
      /LD_LIBRARY_PATH\. Then reload the window\./);
  });

  test('missing cuDNN, Windows DLLs and libtensorflow are recognised too', () => {
    assertMessage(describeInstallFailure('tensorflow-gpu', 'libcudnn.so.8: cannot open shared object file', 'load'),
      /failed to load: cuDNN 8\.1 missing \(libcudnn\.so\.8 not found\)/);
    assertMessage(describeInstallFailure('tensorflow-gpu', "Could not load dynamic library 'cudart64_110.dll'; dlerror: cudart64_110.dll not found", 'load'),
      /CUDA 11\.2 runtime missing \(cudart64_110\.dll not found\)/, /on PATH\./);
    assertMessage(describeInstallFailure('tensorflow-gpu', 'The specified module could not be found.\r\n\\\\?\\C:\\native\\tfjs_binding.node', 'load'),
      /a DLL the native binding needs is missing \(usually cudart64_110\.dll or cudnn64_8\.dll\)/);
    const packageDir = path.join('/store', 'native', 'node_modules', '@tensorflow', 'tfjs-node');
    const libtensorflow = describeInstallFailure('tensorflow', 'libtensorflow.so.2: cannot open shared object file: No such file or directory', 'load', packageDir);
    assertMessage(libtensorflow, /libtensorflow 2\.9\.1 missing \(libtensorflow\.so\.2 not found\)/);
    assert.ok(libtensorflow.includes(path.join(packageDir, 'deps', 'lib')), libtensorflow);
  });

  test('webgpu: a platform without a prebuilt dawn.node is named; another load error is quoted, with no TensorFlow advice', () => {
    const noBinary = "Cannot find module '/store/native/node_modules/webgpu/dist/linux-ia32/dawn.node'\nRequire stack:\n- /store/native/node_modules/webgpu/index.js";
    assertMessage(describeInstallFailure('webgpu', noBinary, 'load'),
      /^webgpu is installed but failed to load: Dawn has no prebuilt dawn\.node for linux-ia32 \(its package ships Linux and Windows on x64 and arm64, and macOS\)/);
    // SIGILL is libtensorflow's AVX diagnosis for the natives; for Dawn it is only quoted.
    const crash = describeInstallFailure('webgpu', 'the load check was killed by SIGILL', 'load');
    assertMessage(crash, /^webgpu installed but failed to load in a test process: the load check was killed by SIGILL\./);
    assert.doesNotMatch(crash, /libtensorflow|AVX/);
  });

  test('npm missing from PATH, by spawn ENOENT or by cmd.exe', () => {
    for (const [output, phase] of [
      ['npm: spawn npm ENOENT', 'spawn'],
      ["'npm' is not recognized as an internal or external command,\r\noperable program or batch file.", 'npm'],
    ] as const) {
      assertMessage(describeInstallFailure('tensorflow', output, phase), /^npm was not found on PATH, so @tensorflow\/tfjs-node cannot be installed/);
    }
  });

  test('anything else quotes the last meaningful lines, without npm noise', () => {
    const output = [
      'npm warn deprecated inflight@1.0.6: This module is not supported',
      'npm error code E404',
      'npm error 404 Not Found - GET https://registry.npmjs.org/@tensorflow%2ftfjs-nod - Not found',
      'npm error A complete log of this run can be found in: /root/.npm/_logs/x-debug-0.log',
    ].join('\n');
    const message = describeInstallFailure('tensorflow', output, 'npm');
    assert.equal(message,
      'npm failed to install @tensorflow/tfjs-node: code E404; 404 Not Found - GET https://registry.npmjs.org/@tensorflow%2ftfjs-nod - Not found. ' +
      'The pure-JS backends (wasm, cpu) keep working.');
  });
});

describe('isNativeInstalled', () => {
  let storageDir = '';
  before(() => { storageDir = tempDir('present'); });
  after(() => fs.rmSync(storageDir, { recursive: true, force: true }));

  test('resolves the package from the install folder without loading it', () => {
    assert.equal(isNativeInstalled('tensorflow', storageDir), undefined);
    const packageDir = path.join(nativeInstallDir(storageDir), 'node_modules', '@tensorflow', 'tfjs-node');
    fs.mkdirSync(packageDir, { recursive: true });
    fs.writeFileSync(path.join(packageDir, 'package.json'), '{"name":"@tensorflow/tfjs-node","main":"main.js"}');
    fs.writeFileSync(path.join(packageDir, 'main.js'), "throw new Error('isNativeInstalled must not load the package');");
    assert.equal(isNativeInstalled('tensorflow', storageDir), path.join(packageDir, 'main.js'));
    assert.equal(isNativeInstalled('tensorflow-gpu', storageDir), undefined);
  });
});

describe('installNativeBackend with real npm and local probe packages', () => {
  let workDir = '';
  let loads: NativePackageSpec = { name: '', spec: '' };
  let missingCudnn: NativePackageSpec = { name: '', spec: '' };
  const storageDir = () => path.join(workDir, 'storage');

  before(async () => {
    workDir = tempDir('install');
    loads = await pack('probe-loads', 'gan-studio-native-probe');
    missingCudnn = await pack('probe-missing-cudnn', 'gan-studio-native-probe-no-cudnn');
  });
  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  // A tarball, like the registry serves: npm would symlink a folder, placing the package outside the install folder.
  // Without a name, the backend's own package name from the table is what must resolve.
  async function pack(fixtureDir: string, name?: string): Promise<NativePackageSpec> {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--silent', '--pack-destination', workDir], {
      cwd: path.join(fixtures, fixtureDir),
      shell: process.platform === 'win32',
    });
    const spec = path.join(workDir, stdout.trim());
    return name ? { name, spec } : { spec };
  }

  test('a package that loads resolves with its folder inside the install folder', async () => {
    const lines: string[] = [];
    const installed = await installNativeBackend({ backend: 'tensorflow', storageDir: storageDir(), packageSpec: loads, log: (line) => lines.push(line) });
    assert.equal(installed.packageDir, path.join(nativeInstallDir(storageDir()), 'node_modules', 'gan-studio-native-probe'));
    assert.equal(installed.version, '1.0.0');
    assert.ok(lines.some((line) => /added 1 package/.test(line)), `npm output reached the log: ${lines.join('\n')}`);
  });

  test('a GPU package that cannot load cuDNN is a NativeInstallError naming libcudnn.so.8, and the first backend stays', async () => {
    const lines: string[] = [];
    await assert.rejects(
      installNativeBackend({ backend: 'tensorflow-gpu', storageDir: storageDir(), packageSpec: missingCudnn, log: (line) => lines.push(line) }),
      (error: unknown) => {
        assert.ok(error instanceof NativeInstallError, `not a NativeInstallError: ${String(error)}`);
        assert.equal(error.phase, 'load');
        assertMessage(error.message, /failed to load: cuDNN 8\.1 missing \(libcudnn\.so\.8 not found\)/, /needs CUDA 11\.2 and cuDNN 8\.1/);
        return true;
      });
    assert.ok(lines.some((line) => /added 1 package/.test(line)), `npm output reached the log: ${lines.join('\n')}`);
    assert.ok(lines.includes('libcudnn.so.8: cannot open shared object file: No such file or directory'), 'the load error reached the log');
    // Installing a second backend must not prune the first (npm does that with --no-save).
    assert.ok(fs.existsSync(path.join(nativeInstallDir(storageDir()), 'node_modules', 'gan-studio-native-probe', 'index.js')));
  });

  test('webgpu installs through the table, and the message names the hardware adapter Dawn offers', async () => {
    const storage = path.join(workDir, 'storage-webgpu-hardware');
    const installed = await installNativeBackend({ backend: 'webgpu', storageDir: storage, packageSpec: await pack('webgpu-hardware'), log: () => undefined });
    const packageDir = path.join(nativeInstallDir(storage), 'node_modules', 'webgpu');
    assert.equal(installed.packageDir, packageDir);
    assert.equal(installed.version, '0.6.2-hardware');
    assert.equal(isNativeInstalled('webgpu', storage), path.join(packageDir, 'index.js'));
    assert.deepEqual(installed.verdict, {
      ready: true,
      message: 'webgpu 0.6.2-hardware is installed: new runs with backend "auto" (or "webgpu") train on NVIDIA H100 PCIe (nvidia, hopper) ' +
        'through WebGPU, in a separate process.',
    });
  });

  test('webgpu with no adapter (no Vulkan driver) installs, and the message says to install the driver', async () => {
    const storage = path.join(workDir, 'storage-webgpu-none');
    const lines: string[] = [];
    const installed = await installNativeBackend({ backend: 'webgpu', storageDir: storage, packageSpec: await pack('webgpu-no-adapter'), log: (line) => lines.push(line) });
    assert.equal(installed.version, '0.6.2-no-adapter');
    assert.equal(installed.verdict.ready, false);
    assert.match(installed.verdict.message, /^webgpu 0\.6\.2-no-adapter is installed, but Dawn found no GPU adapter: install your GPU's Vulkan driver \(NVIDIA: /);
    assert.match(installed.verdict.message, /vulkaninfo --summary.*Until then, auto trains on the other backends\.$/);
    assert.ok(lines.some((line) => line.includes("Couldn't load Vulkan")), `Dawn's warning reached the log: ${lines.join('\n')}`);
  });

  test('webgpu that fails to load is a NativeInstallError saying why, without TensorFlow\'s advice', async () => {
    const storage = path.join(workDir, 'storage-webgpu-broken');
    await assert.rejects(
      installNativeBackend({ backend: 'webgpu', storageDir: storage, packageSpec: await pack('webgpu-broken'), log: () => undefined }),
      (error: unknown) => {
        assert.ok(error instanceof NativeInstallError, `not a NativeInstallError: ${String(error)}`);
        assert.equal(error.backend, 'webgpu');
        assert.equal(error.phase, 'load');
        assertMessage(error.message,
          /^webgpu is installed but failed to load: the system C library is too old for Dawn's prebuilt dawn\.node \(GLIBC_2\.34 not found\); /,
          /it needs a newer Linux distribution \(or a container with one\), else train on another backend\. /);
        assert.doesNotMatch(error.message, /libtensorflow/);
        return true;
      });
  });

  test('an npm command that does not exist says npm was not found', async () => {
    await assert.rejects(
      installNativeBackend({ backend: 'tensorflow', storageDir: storageDir(), npmCommand: 'gan-studio-no-such-npm', log: () => undefined }),
      (error: unknown) => {
        assert.ok(error instanceof NativeInstallError);
        assert.equal(error.phase, 'spawn');
        assertMessage(error.message, /^npm was not found on PATH/);
        return true;
      });
  });

  test('an aborted install rejects with the AbortError, not a diagnosis', async () => {
    const aborted = AbortSignal.abort();
    await assert.rejects(
      installNativeBackend({ backend: 'tensorflow', storageDir: storageDir(), packageSpec: loads, log: () => undefined, signal: aborted }),
      { name: 'AbortError' });
  });
});
