import * as path from 'node:path';

/**
 * The native package version we install (it must equal the bundled tfjs-core: the native kernels
 * register against that core) and what it needs: libtensorflow 2.9.1, whose GPU build is made for
 * CUDA 11.2 and cuDNN 8.1 (driver ≥ 450.80.02). The README's Backends section says the same.
 */
export const nativeRequirements = {
  tfjsNode: '4.22.0', libtensorflow: '2.9.1', cuda: '11.2', cudnn: '8.1', nvidiaDriver: '450.80.02',
} as const;

/** A recognised reason a native package cannot load (or, for the GPU build, cannot use the GPU). */
export interface NativeDiagnosis {
  /** What is wrong, in a few words: "cuDNN 8.1 missing (libcudnn.so.8 not found)". */
  readonly cause: string;
  /** What to do about it. */
  readonly remedy: string;
}

type Component = 'cuda' | 'cudnn' | 'driver' | 'libtensorflow' | 'binding';

const { libtensorflow, cuda, cudnn, nvidiaDriver } = nativeRequirements;
const componentNames: Readonly<Record<Component, string>> = {
  cuda: `CUDA ${cuda} runtime`, cudnn: `cuDNN ${cudnn}`, driver: 'NVIDIA driver',
  libtensorflow: `libtensorflow ${libtensorflow}`, binding: 'native binding',
};

// Library file names (Linux .so, Windows .dll, macOS .dylib) → the component that ships them.
// `libcuda.so` is the driver; `libcudart` and the math libraries come with the CUDA toolkit.
const libraryComponents: readonly [RegExp, Component][] = [
  [/^(?:lib)?(?:cudart|cublas|cublasLt|cufft|curand|cusolver|cusparse)(?:64_\d+\.dll|\.so)/, 'cuda'],
  [/^(?:lib)?cudnn/, 'cudnn'],
  [/^libcuda\.so|^nvcuda\.dll$/, 'driver'],
  [/^(?:lib)?tensorflow(?:_framework)?[.\d]*\.(?:so|dylib|dll)/, 'libtensorflow'],
  [/^tfjs_binding\.node$/, 'binding'],
];

// The shapes a missing library takes: glibc's dlopen, TensorFlow's own loader log (which the GPU
// build prints when it skips the GPU), macOS dyld, Windows, and Node's resolver for the binding.
const missingLibraryPatterns: readonly RegExp[] = [
  /([^\s'"]+): cannot open shared object file/g,
  /Could not load dynamic library '?([^'\s;]+)/g,
  /Library not loaded: (\S+)/g,
  /\b([\w.-]+\.dll) not found/g,
  /Cannot find module '([^']+\.node)'/g,
  /\(tfjs_binding\.node\) can not be found at path: (\S+?)\.?(?:\s|$)/g,
];

/**
 * Reads a native package's load error (and, for a GPU build that loaded, TensorFlow's log) and says
 * what is missing and what to do, or undefined when nothing is recognised. `packageDir`, when known,
 * names the folder the package's install script should have filled.
 */
export function diagnoseNativeLoad(packageName: string, output: string, packageDir?: string): NativeDiagnosis | undefined {
  const dir = packageDir ?? path.join('node_modules', packageName);
  if (/\bSIGILL\b|Illegal instruction/.test(output)) {
    return {
      cause: 'the CPU lacks an instruction set libtensorflow needs (illegal instruction)',
      remedy: `the prebuilt libtensorflow ${libtensorflow} requires AVX; use the wasm backend on this machine`,
    };
  }
  const glibc = /version `(GLIBC_[\d.]+)' not found/.exec(output);
  if (glibc) {
    return {
      cause: `the system C library is too old (${glibc[1]} not found)`,
      remedy: `libtensorflow ${libtensorflow} needs a newer Linux distribution; use the wasm backend here, or a newer system or container`,
    };
  }
  const missing = missingLibraries(output);
  if (missing.length) return describeMissing(missing, packageName, dir);
  if (/The specified module could not be found/.test(output)) {
    // Windows names the binding that failed, not the DLL it needed.
    return packageName.endsWith('-gpu')
      ? {
        cause: 'a DLL the native binding needs is missing (usually cudart64_110.dll or cudnn64_8.dll)',
        remedy: remedies(['cuda', 'cudnn'], packageName, dir, 'PATH'),
      }
      : { cause: 'tensorflow.dll was not found next to tfjs_binding.node', remedy: remedies(['libtensorflow'], packageName, dir, 'PATH') };
  }
  if (/CUDA driver version is insufficient/.test(output)) {
    return { cause: `the NVIDIA driver is too old for CUDA ${cuda}`, remedy: remedies(['driver'], packageName, dir, 'PATH') };
  }
  const cuInit = /failed call to cuInit: (CUDA_ERROR_\w+|UNKNOWN ERROR \(\d+\))/.exec(output);
  if (cuInit) {
    return {
      cause: `the NVIDIA driver found no usable GPU (cuInit: ${cuInit[1]})`,
      remedy: 'check that `nvidia-smi` lists the GPU (in a container, start it with GPU access, e.g. docker run --gpus all)',
    };
  }
  return undefined;
}

/** One line for run.json, the CLI and the extension: the package, and why it cannot load when recognised. */
export function describeNativeLoadFailure(packageName: string, output: string, packageDir?: string): string {
  const diagnosis = diagnoseNativeLoad(packageName, output, packageDir);
  const firstLine = output.split(/\r?\n/).find((line) => line.trim()) ?? 'no error message';
  return `${packageName} is installed but failed to load: ${diagnosis ? formatDiagnosis(diagnosis) : firstLine.trim()}`;
}

export function formatDiagnosis(diagnosis: NativeDiagnosis): string {
  return `${diagnosis.cause}; ${diagnosis.remedy}`;
}

/** File names of the libraries the output says are missing, without folders, each once, in order. */
function missingLibraries(output: string): string[] {
  const names = missingLibraryPatterns.flatMap((pattern) =>
    [...output.matchAll(pattern)].map((match) => match[1]!.split(/[\\/]/).pop()!));
  return [...new Set(names)];
}

function describeMissing(libraries: readonly string[], packageName: string, dir: string): NativeDiagnosis | undefined {
  const known = libraries.flatMap((library) => {
    const component = libraryComponents.find(([pattern]) => pattern.test(library))?.[1];
    return component ? [{ library, component }] : [];
  });
  if (!known.length) return undefined;
  const components = [...new Set(known.map((entry) => entry.component))];
  const searchPath = known.some((entry) => entry.library.endsWith('.dll')) ? 'PATH' : 'LD_LIBRARY_PATH';
  return {
    cause: `${components.map((component) => componentNames[component]).join(' and ')} missing ` +
      `(${known.map((entry) => entry.library).join(', ')} not found)`,
    remedy: remedies(components, packageName, dir, searchPath),
  };
}

function remedies(components: readonly Component[], packageName: string, dir: string, searchPath: string): string {
  const deps = path.join(dir, 'deps', 'lib');
  const text: Record<Component, string> = {
    cuda: `install the CUDA ${cuda} toolkit and put its library folder on ${searchPath}`,
    cudnn: `install cuDNN ${cudnn} for CUDA ${cuda} and put its library folder on ${searchPath}`,
    driver: `install an NVIDIA driver ≥ ${nvidiaDriver}`,
    libtensorflow: `the package's install script did not download libtensorflow ${libtensorflow} into ${deps} ` +
      `(it fetches it from storage.googleapis.com): reinstall ${packageName} where that host is reachable, ` +
      'or with TFJS_NODE_CDN_STORAGE set to a mirror of it',
    binding: 'the package\'s install script did not finish placing its native binding: ' +
      `run \`npm rebuild ${packageName}\` where storage.googleapis.com is reachable`,
  };
  const steps = components.map((component) => text[component]).join('; ');
  return components.some((component) => component !== 'libtensorflow' && component !== 'binding')
    ? `its libtensorflow ${libtensorflow} needs CUDA ${cuda} and cuDNN ${cudnn}: ${steps}`
    : steps;
}
