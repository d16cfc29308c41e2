import { adapterLabel } from '../core/backend/adapterLabel';
import { describeNativeLoadFailure, diagnoseNativeLoad, nativeRequirements } from '../core/backend/nativeDiagnosis';
import { nativePackages, type NativeBackend } from '../core/backend/nativeLoader';
import { nativeProbeScript } from '../core/backend/nativeProbe';
import { factsFromInfo } from '../core/backend/webgpu/adapterFacts';
import { dawnPackage } from '../core/backend/webgpu/dawn';
import { dawnProbeScript, diagnoseDawnLoad, readDawnProbe } from '../core/backend/webgpu/probe';
import { vulkanDriverHint } from '../core/backend/webgpu/vulkan';

/** Must equal the bundled @tensorflow/tfjs-core version: the native kernels register against that core. */
export const nativeTfjsVersion = nativeRequirements.tfjsNode;

/** The backends Install Native Backend offers: the native TF.js builds and Dawn, the WebGPU backend. */
export type InstallableBackend = NativeBackend | 'webgpu';

/** What the user is told once a package installed and loaded. */
export interface InstallVerdict {
  /** False when the package is fine but `auto` will not train on it here (Dawn found no GPU adapter). */
  readonly ready: boolean;
  /** The whole sentence, starting with the installed package's name and version. */
  readonly message: string;
}

/** One backend's package and how to tell that it works: everything the install does per backend. */
export interface InstallablePackage {
  readonly name: string;
  readonly version: string;
  /**
   * Run as `node -e loadCheck <entry file>` in a fresh process: a failed load exits non-zero with
   * its error on stderr, a successful one prints its result as the last line on stdout.
   */
  readonly loadCheck: string;
  /** What to say, from that last line and "<name> <version>" as installed; undefined when the line is not the check's. */
  readonly verdict: (lastLine: string, installed: string) => InstallVerdict | undefined;
  /** The whole message for a failed load, where this package's failures are recognised. */
  readonly diagnoseLoad?: (output: string, packageDir: string | undefined) => string | undefined;
}

function tfjsNative(backend: NativeBackend): InstallablePackage {
  const name = nativePackages[backend];
  return {
    name,
    version: nativeTfjsVersion,
    loadCheck: nativeProbeScript,
    // Loading is the whole check: where TensorFlow placed its device is the doctor's to say.
    verdict: (_lastLine, installed) => ({
      ready: true,
      message: `${installed} is installed. New runs with backend "auto" (or "${backend}") train on it, in a separate process.`,
    }),
    // Read as in a training error and in `gan-studio doctor` (missing CUDA, cuDNN, libtensorflow…).
    diagnoseLoad: (output, packageDir) => diagnoseNativeLoad(name, output, packageDir)
      ? `${describeNativeLoadFailure(name, output, packageDir)}. Then reload the window.` : undefined,
  };
}

/** Dawn with no adapter or a software one still installed fine: the machine lacks a driver, not the package. */
const dawn: InstallablePackage = {
  name: dawnPackage.name,
  version: dawnPackage.version,
  loadCheck: dawnProbeScript,
  verdict: (lastLine, installed) => {
    const probe = readDawnProbe(lastLine);
    if (!probe) return undefined;
    const driver = `install your GPU's Vulkan driver ${vulkanDriverHint}; new runs find it without a reinstall`;
    if (!probe.adapter) {
      return { ready: false, message: `${installed} is installed, but Dawn found no GPU adapter: ${driver}. Until then, auto trains on the other backends.` };
    }
    const facts = factsFromInfo(probe.adapter);
    const label = adapterLabel(facts);
    if (facts.software) {
      return {
        ready: false,
        message: `${installed} is installed, but Dawn found only a software adapter, ${label}: slower than wasm, so auto will not use it ` +
          `(backend "webgpu" does, for testing). To train on a GPU, ${driver}.`,
      };
    }
    return {
      ready: true,
      message: `${installed} is installed: new runs with backend "auto" (or "webgpu") train on ${label} through WebGPU, in a separate process.`,
    };
  },
  diagnoseLoad: (output) => {
    const diagnosis = diagnoseDawnLoad(output);
    return diagnosis && `${dawnPackage.name} is installed but failed to load: ${diagnosis}.`;
  },
};

/** Per backend, what npm installs and how its load is checked; nothing downstream asks which backend it is. */
export const installableBackends: Readonly<Record<InstallableBackend, InstallablePackage>> = {
  'tensorflow-gpu': tfjsNative('tensorflow-gpu'),
  tensorflow: tfjsNative('tensorflow'),
  webgpu: dawn,
};
