// `node scripts/run-built.mjs <script> [args…]` runs dist/scripts/<script>.js, building first only
// when the build is missing or older than a source it is made from (apps, libs, scripts, bench and
// the build's settings), so a repeated `npm run token` starts at once instead of rebuilding.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  process.stderr.write('usage: node scripts/run-built.mjs <script> [args…]\n');
  process.exit(2);
}
const built = join(root, 'dist', 'scripts', `${name}.js`);

/** The newest modification time under a folder, of the files the build compiles. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(child));
    else if (/\.(ts|mts|cts|js|mjs|json)$/.test(entry.name)) latest = Math.max(latest, statSync(child).mtimeMs);
  }
  return latest;
}

const sources = ['apps', 'libs', 'scripts', 'bench', '.swcrc', 'package.json', 'tsconfig.json'].map((p) => join(root, p));
const current = existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest));
if (!current) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, ['--enable-source-maps', built, ...args], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
