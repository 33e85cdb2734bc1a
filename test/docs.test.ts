/**
 * Issue 14 §8: the source points at docs/contract.md by section number. Every section a comment
 * of src/, scripts/, bench/ or test/ cites is a heading (or a §3 table row) of that page, and the
 * page names every public error class.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as errors from '../src/contract/errors.js';

const root = resolve(import.meta.dirname, '..');
const page = readFileSync(join(root, 'docs', 'contract.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|cts|mts)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Section numbers the page defines: `## 4.`, `### 4.11`, `#### 2.7.6`, `### E2.`, `| 3.4 |`. */
const defined = new Set([
  ...[...page.matchAll(/^#{2,4} (E?\d+(?:\.\d+)*)\.? /gm)].map((m) => m[1] ?? ''),
  ...[...page.matchAll(/^\| (3\.\d+) \|/gm)].map((m) => m[1] ?? ''),
]);

describe('docs/contract.md', () => {
  it('defines every section the code cites', () => {
    const cited = new Map<string, string>();
    for (const file of ['src', 'scripts', 'bench', 'test'].flatMap(sources)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/docs\/contract\.md (§E?\d+(?:\.\d+)*(?:, §E?\d+(?:\.\d+)*)*)/g)) {
        for (const ref of (m[1] ?? '').split(', ')) cited.set(ref.slice(1), file.slice(root.length + 1));
      }
    }
    expect(cited.size).toBeGreaterThan(20);
    const missing = [...cited].filter(([section]) => !defined.has(section));
    expect(missing).toEqual([]);
  });

  it('names every exported error class', () => {
    const classes = Object.keys(errors).filter((name) => /^QZPay\w+Error$/.test(name) && name !== 'QZPayStorageError');
    expect(classes.length).toBeGreaterThan(10);
    expect(classes.filter((name) => !page.includes(`\`${name}\``))).toEqual([]);
  });
});
