// What validating a hostile config costs: `gan-studio validate` on configs of 30,000 and 40,000
// unknown top-level keys (~290 and ~390 KB), next to a config with one (the process's own start).
// Each is a fresh process (the bundle, as users run it); the figure is the best of `runs` runs.
//   node --import tsx scripts/benchConfigValidation.ts [--cli dist/cli.js] [--runs 3]
//   (npm run bench -- --only config-validation)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface ValidationFigures {
  readonly keys: number;
  readonly kilobytes: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly reportBytes: number;
}

const RSS_MARK = 'bench-max-rss-kib';
const reportRss = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n${RSS_MARK} '+process.resourceUsage().maxRSS+'\\n'))`;

function unknownKeysConfig(file: string, keys: number): void {
  const lines = ['name: many', 'data: { kind: ring }', ...Array.from({ length: keys }, (_, i) => `k${i}: 1`)];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function timeValidate(cli: string, file: string): { seconds: number; peakRssMb: number; reportBytes: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', reportRss, cli, 'validate', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mark = new RegExp(`\\n${RSS_MARK} (\\d+)\\n$`).exec(result.stderr);
  if (result.status !== 2 || !mark) throw new Error(`validate ${file} exited ${result.status}:\n${result.stderr.slice(0, 2000)}`);
  return { seconds, peakRssMb: Number(mark[1]) / 1024, reportBytes: mark.index };
}

export function benchConfigValidation(cli = path.resolve('dist', 'cli.js'), runs = 3): ValidationFigures[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-studio-bench-validate-'));
  try {
    // One unknown key: what starting the process and reporting one problem cost.
    const figures = [1, 30_000, 40_000].map((keys) => {
      const file = path.join(dir, `keys-${keys}.gan.yaml`);
      unknownKeysConfig(file, keys);
      const measured = Array.from({ length: runs }, () => timeValidate(cli, file));
      const best = measured.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      return { keys, kilobytes: Math.round(fs.statSync(file).size / 1024), ...best };
    });
    console.log(`\nConfig validation (${path.relative(process.cwd(), cli) || cli}, best of ${runs}):`);
    console.log('  unknown keys     KB   seconds  peak RSS MB  report bytes');
    for (const row of figures) {
      console.log(`  ${String(row.keys).padStart(12)} ${String(row.kilobytes).padStart(6)} ${row.seconds.toFixed(2).padStart(9)} `
        + `${row.peakRssMb.toFixed(0).padStart(12)} ${String(row.reportBytes).padStart(13)}`);
    }
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const option = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  benchConfigValidation(path.resolve(option('cli') ?? path.join('dist', 'cli.js')), Number(option('runs') ?? 3));
}
