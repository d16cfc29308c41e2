import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where a Vulkan driver comes from, per vendor: the remedy whenever Dawn finds no adapter. */
export const vulkanDriverHint = '(NVIDIA: the driver\'s Vulkan ICD, nvidia_icd.json; AMD and Intel: Mesa\'s mesa-vulkan-drivers; '
  + 'run `vulkaninfo --summary` to see what Vulkan finds)';

/**
 * Whether Vulkan can work here, judged from files alone (Linux; elsewhere Dawn uses Metal or
 * D3D12, always present). Dawn itself, asked for an adapter without Vulkan, prints warnings with
 * C++ source lines to stderr ("Couldn't load Vulkan", "Found no drivers!") into every training's
 * output, so `auto` asks this first and leaves Dawn unloaded on a machine without a driver.
 * Returns why not, or undefined when a loader and at least one driver manifest exist.
 */
export function missingVulkan(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform !== 'linux') return undefined;
  if (!loaderFound(env)) {
    return 'no Vulkan loader: libvulkan.so.1 is not installed (Debian and Ubuntu: apt install libvulkan1; Fedora: vulkan-loader)';
  }
  if (!driverFound(env)) {
    return `no Vulkan driver: no ICD manifest in VK_DRIVER_FILES or any vulkan/icd.d folder ${vulkanDriverHint}`;
  }
  return undefined;
}

const libraryDirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib', '/lib/x86_64-linux-gnu', '/lib64'];

function loaderFound(env: NodeJS.ProcessEnv): boolean {
  const dirs = [...(env['LD_LIBRARY_PATH'] ?? '').split(':').filter(Boolean), ...libraryDirs];
  if (dirs.some((dir) => fs.existsSync(path.join(dir, 'libvulkan.so.1')))) return true;
  // Other folders the dynamic linker knows are listed in its cache.
  try {
    return fs.readFileSync('/etc/ld.so.cache').includes('libvulkan.so.1');
  } catch {
    return false;
  }
}

/** The Vulkan loader's own search: explicit files, else icd.d folders under the XDG and system paths. */
function driverFound(env: NodeJS.ProcessEnv): boolean {
  const explicit = [env['VK_DRIVER_FILES'], env['VK_ICD_FILENAMES'], env['VK_ADD_DRIVER_FILES']]
    .flatMap((list) => (list ?? '').split(':')).filter(Boolean);
  if (explicit.some((file) => fs.existsSync(file))) return true;
  const roots = [
    env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config'),
    ...(env['XDG_CONFIG_DIRS'] ?? '/etc/xdg').split(':'),
    '/usr/local/etc', '/etc',
    env['XDG_DATA_HOME'] ?? path.join(os.homedir(), '.local', 'share'),
    ...(env['XDG_DATA_DIRS'] ?? '/usr/local/share:/usr/share').split(':'),
  ].filter(Boolean);
  return roots.some((root) => {
    try {
      return fs.readdirSync(path.join(root, 'vulkan', 'icd.d')).some((name) => name.endsWith('.json'));
    } catch {
      return false;
    }
  });
}
