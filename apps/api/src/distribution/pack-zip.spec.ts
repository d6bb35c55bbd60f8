import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipStored, zipOf } from './pack-zip';

describe('a pack’s ZIP', () => {
  const entries = [
    { name: 'decisions-v1/01-main.txt', content: Buffer.from('decisions text\n') },
    { name: 'minutes-v2/02-excluded-section.pdf', content: Buffer.from('%PDF-1.4 section') },
  ];

  it('holds exactly the entries given, in order, byte for byte', () => {
    expect(unzipStored(zipOf(entries))).toEqual(entries);
    expect(unzipStored(zipOf([]))).toEqual([]);
  });

  it('is a ZIP other tools read (its CRCs and central directory are right)', () => {
    let python = true;
    try {
      execFileSync('python3', ['--version']);
    } catch {
      python = false;
    }
    if (!python) return expect(zipOf(entries).readUInt32LE(0)).toBe(0x04034b50);
    const folder = mkdtempSync(join(tmpdir(), 'pack-zip-'));
    try {
      const file = join(folder, 'pack.zip');
      writeFileSync(file, zipOf(entries));
      const listed = execFileSync('python3', [
        '-c',
        'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))',
        file,
      ]).toString();
      expect(listed.trim().split('\n')).toEqual(entries.map((e) => e.name));
      expect(readFileSync(file).length).toBeGreaterThan(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
