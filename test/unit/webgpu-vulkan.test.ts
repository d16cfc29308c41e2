import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingVulkan } from '../../src/core/backend/webgpu/vulkan';
import { tempDir } from './support/training';

// Which files `auto` looks for before it loads Dawn (whose own complaints go to stderr).
test('Vulkan is judged present from a loader and a driver manifest, and each missing piece is named', { skip: process.platform !== 'linux' }, () => {
  const lib = tempDir('gan-vulkan-lib-');
  fs.writeFileSync(path.join(lib, 'libvulkan.so.1'), '');
  const empty = tempDir('gan-vulkan-empty-');
  const icd = path.join(tempDir('gan-vulkan-icd-'), 'gpu_icd.json');
  fs.writeFileSync(icd, '{}');
  const noSystemDrivers = { XDG_CONFIG_HOME: empty, XDG_CONFIG_DIRS: empty, XDG_DATA_HOME: empty, XDG_DATA_DIRS: empty };
  assert.equal(missingVulkan({ LD_LIBRARY_PATH: lib, VK_DRIVER_FILES: icd }), undefined);
  assert.match(missingVulkan({ LD_LIBRARY_PATH: lib, ...noSystemDrivers }) ?? '', /^no Vulkan driver: no ICD manifest/);
  assert.match(missingVulkan({ LD_LIBRARY_PATH: lib, VK_DRIVER_FILES: path.join(empty, 'gone.json'), ...noSystemDrivers }) ?? '', /^no Vulkan driver/);
  // A driver folder under the XDG data path, as Mesa installs one.
  const data = tempDir('gan-vulkan-data-');
  fs.mkdirSync(path.join(data, 'vulkan', 'icd.d'), { recursive: true });
  fs.writeFileSync(path.join(data, 'vulkan', 'icd.d', 'lvp_icd.x86_64.json'), '{}');
  assert.equal(missingVulkan({ LD_LIBRARY_PATH: lib, ...noSystemDrivers, XDG_DATA_DIRS: data }), undefined);
});
