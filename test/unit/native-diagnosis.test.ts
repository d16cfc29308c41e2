import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeNativeLoadFailure, diagnoseNativeLoad, type NativeDiagnosis } from '../../src/core/backend/nativeDiagnosis';
import { loadNative } from '../../src/core/backend/nativeLoader';
import { tempDir } from './support/training';

const gpu = '@tensorflow/tfjs-node-gpu';
const cpu = '@tensorflow/tfjs-node';
const gpuDir = '/srv/app/node_modules/@tensorflow/tfjs-node-gpu';

function diagnosed(packageName: string, output: string, packageDir?: string): NativeDiagnosis {
  const diagnosis = diagnoseNativeLoad(packageName, output, packageDir);
  assert.ok(diagnosis, `not recognised: ${output}`);
  return diagnosis;
}

// TensorFlow 2.9's loader log as tfjs-node-gpu 4.x prints it when it skips the GPU (tensorflow/tfjs#8269).
const skippedGpuLog = [
  "2024-05-06 00:05:33.767399: W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object file: No such file or directory; LD_LIBRARY_PATH: /usr/local/nvidia/lib64",
  "2024-05-06 00:05:33.767412: W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file: No such file or directory; LD_LIBRARY_PATH: /usr/local/nvidia/lib64",
  '2024-05-06 00:05:33.767416: W tensorflow/core/common_runtime/gpu/gpu_device.cc:1850] Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned above are installed properly if you would like to use GPU.',
  'Skipping registering GPU devices...',
].join('\n');

describe('diagnoseNativeLoad: missing CUDA, cuDNN and driver libraries', () => {
  test('dlopen of libcudnn.so.8 fails: cuDNN 8.1 missing, with the versions and LD_LIBRARY_PATH', () => {
    const { cause, remedy } = diagnosed(gpu, 'libcudnn.so.8: cannot open shared object file: No such file or directory');
    assert.equal(cause, 'cuDNN 8.1 missing (libcudnn.so.8 not found)');
    assert.match(remedy, /^its libtensorflow 2\.9\.1 needs CUDA 11\.2 and cuDNN 8\.1: /);
    assert.match(remedy, /install cuDNN 8\.1 for CUDA 11\.2 and put its library folder on LD_LIBRARY_PATH/);
  });

  test('libcudart.so.11.0 and libcublas are the CUDA 11.2 runtime', () => {
    for (const library of ['libcudart.so.11.0', 'libcublas.so.11', 'libcublasLt.so.11', 'libcufft.so.10', 'libcusolver.so.11']) {
      const { cause, remedy } = diagnosed(gpu, `Error: ${library}: cannot open shared object file: No such file or directory`);
      assert.equal(cause, `CUDA 11.2 runtime missing (${library} not found)`);
      assert.match(remedy, /install the CUDA 11\.2 toolkit/);
    }
  });

  test("TensorFlow's log when the GPU build skips the GPU names every missing part once", () => {
    const { cause } = diagnosed(gpu, skippedGpuLog);
    assert.equal(cause, 'CUDA 11.2 runtime and cuDNN 8.1 missing (libcudart.so.11.0, libcudnn.so.8 not found)');
  });

  test('no libcuda.so.1 is a missing NVIDIA driver; a failed cuInit and an old driver are recognised too', () => {
    const driver = diagnosed(gpu, "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library 'libcuda.so.1'; dlerror: libcuda.so.1: cannot open shared object file: No such file or directory");
    assert.equal(driver.cause, 'NVIDIA driver missing (libcuda.so.1 not found)');
    assert.match(driver.remedy, /NVIDIA driver ≥ 450\.80\.02/);
    assert.equal(diagnosed(gpu, 'E tensorflow/stream_executor/cuda/cuda_driver.cc:271] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected').cause,
      'the NVIDIA driver found no usable GPU (cuInit: CUDA_ERROR_NO_DEVICE)');
    assert.match(diagnosed(gpu, 'CUDA driver version is insufficient for CUDA runtime version').cause, /driver is too old for CUDA 11\.2/);
  });

  test('Windows: a named DLL goes on PATH; an unnamed one is a CUDA/cuDNN DLL for the GPU build, tensorflow.dll otherwise', () => {
    const named = diagnosed(gpu, "Could not load dynamic library 'cudart64_110.dll'; dlerror: cudart64_110.dll not found");
    assert.equal(named.cause, 'CUDA 11.2 runtime missing (cudart64_110.dll not found)');
    assert.match(named.remedy, /library folder on PATH/);
    const unnamed = 'The specified module could not be found.\r\n\\\\?\\C:\\app\\node_modules\\@tensorflow\\tfjs-node-gpu\\lib\\napi-v8\\tfjs_binding.node';
    assert.match(diagnosed(gpu, unnamed).cause, /usually cudart64_110\.dll or cudnn64_8\.dll/);
    assert.equal(diagnosed(cpu, unnamed.replace('-gpu', '')).cause, 'tensorflow.dll was not found next to tfjs_binding.node');
  });
});

describe('diagnoseNativeLoad: an incomplete install', () => {
  test('libtensorflow.so.2 missing names the deps/lib folder the install script should have filled', () => {
    const { cause, remedy } = diagnosed(gpu, 'libtensorflow.so.2: cannot open shared object file: No such file or directory', gpuDir);
    assert.equal(cause, 'libtensorflow 2.9.1 missing (libtensorflow.so.2 not found)');
    assert.ok(remedy.includes(`did not download libtensorflow 2.9.1 into ${path.join(gpuDir, 'deps', 'lib')}`), remedy);
    assert.match(remedy, /storage\.googleapis\.com/);
    assert.doesNotMatch(remedy, /CUDA/, 'a missing libtensorflow is not a CUDA problem');
  });

  test('without a package folder it names node_modules/<package>/deps/lib', () => {
    const { remedy } = diagnosed(cpu, 'libtensorflow.so.2: cannot open shared object file: No such file or directory');
    assert.ok(remedy.includes(path.join('node_modules', '@tensorflow', 'tfjs-node', 'deps', 'lib')), remedy);
  });

  test('macOS dyld and the framework library say the same', () => {
    const dyld = 'dlopen(/app/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node, 0x0001): Library not loaded: @rpath/libtensorflow.2.dylib\n  Referenced from: /app/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node';
    assert.equal(diagnosed(cpu, dyld).cause, 'libtensorflow 2.9.1 missing (libtensorflow.2.dylib not found)');
    assert.equal(diagnosed(cpu, 'libtensorflow_framework.so.2: cannot open shared object file: No such file or directory').cause,
      'libtensorflow 2.9.1 missing (libtensorflow_framework.so.2 not found)');
  });

  test('a missing tfjs_binding.node says to rebuild the package', () => {
    const { cause, remedy } = diagnosed(cpu, "Cannot find module '/app/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'\nRequire stack:\n- /app/node_modules/@tensorflow/tfjs-node/dist/index.js");
    assert.equal(cause, 'native binding missing (tfjs_binding.node not found)');
    assert.match(remedy, /npm rebuild @tensorflow\/tfjs-node/);
  });

  test('an old glibc wins over the libtensorflow it mentions; an illegal instruction is a CPU without AVX', () => {
    const glibc = "/lib64/libm.so.6: version `GLIBC_2.23' not found (required by /app/node_modules/@tensorflow/tfjs-node/deps/lib/libtensorflow.so.2)";
    assert.equal(diagnosed(cpu, glibc).cause, 'the system C library is too old (GLIBC_2.23 not found)');
    assert.match(diagnosed(cpu, 'the probe process was killed by SIGILL').remedy, /requires AVX/);
  });

  test('anything else is not recognised, and the failure line quotes the error itself', () => {
    for (const output of ["Cannot find module '@tensorflow/tfjs-core'", 'libnvJitLink.so.12: cannot open shared object file: No such file or directory']) {
      assert.equal(diagnoseNativeLoad(gpu, output), undefined, output);
    }
    assert.equal(describeNativeLoadFailure(cpu, "\nCannot find module '@tensorflow/tfjs-core'\nRequire stack:"),
      "@tensorflow/tfjs-node is installed but failed to load: Cannot find module '@tensorflow/tfjs-core'");
  });
});

test('loadNative reports a present package that fails to load with the diagnosis and its folder (the training error)', () => {
  const searchDir = tempDir('gan-native-diagnosis-');
  const packageDir = path.join(searchDir, 'node_modules', '@tensorflow', 'tfjs-node-gpu');
  fs.mkdirSync(packageDir, { recursive: true });
  fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({ name: gpu, version: '4.22.0', main: 'index.js' }));
  // Stands in for the package whose binding cannot find libtensorflow: the error process.dlopen gives.
  fs.writeFileSync(path.join(packageDir, 'index.js'), "throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory');");
  const load = loadNative('tensorflow-gpu', [searchDir]);
  assert.equal(load.ok, false);
  assert.ok(!load.ok && load.detail.startsWith(`${gpu} is installed but failed to load: libtensorflow 2.9.1 missing (libtensorflow.so.2 not found); `), JSON.stringify(load));
  assert.ok(!load.ok && load.detail.includes(path.join(packageDir, 'deps', 'lib')), JSON.stringify(load));
});
