// Installs this folder's pinned packages with `npm ci` for the server tests (run by Maven before them),
// unless node_modules was installed from exactly this package.json and package-lock.json already.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const stamp = join(here, 'node_modules', '.installed-from.sha256');
const hash = createHash('sha256');
for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
  hash.update(readFileSync(join(here, file)));
}
const wanted = hash.digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) {
  console.log('agent clients: node_modules is up to date with package-lock.json');
  process.exit(0);
}
console.log('agent clients: npm ci');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: here,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (run.status !== 0) {
  console.error(`agent clients: npm ci failed (${run.error ?? `exit code ${run.status}`})`);
  process.exit(run.status || 1);
}
writeFileSync(stamp, `${wanted}\n`);
