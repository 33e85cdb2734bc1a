/** Compiles every description for one dialect, keeping each table's static type. */
import type { TableDescription } from '../describe.js';
import { referencedTable } from '../describe.js';

export type Descriptions = Record<string, TableDescription>;

export function compileAll<D extends Descriptions, R, Out>(
  descriptions: D,
  compileOne: (desc: TableDescription, registry: Map<string, Record<string, R>>) => unknown,
): Out {
  const registry = new Map<string, Record<string, R>>();
  const out: Record<string, unknown> = {};
  // Compile in dependency order so foreign-key targets exist before their referencing tables.
  const ordered = orderByDependencies(descriptions);
  for (const [key, desc] of ordered) out[key] = compileOne(desc, registry);
  return out as Out;
}

function orderByDependencies(descriptions: Descriptions): Array<[string, TableDescription]> {
  const byName = new Map(Object.entries(descriptions).map(([k, d]) => [d.name, k]));
  const done = new Set<string>();
  const out: Array<[string, TableDescription]> = [];
  const visit = (key: string, path: string[]): void => {
    if (done.has(key)) return;
    if (path.includes(key)) throw new Error(`foreign-key cycle: ${[...path, key].join(' -> ')}`);
    const desc = descriptions[key]!;
    for (const col of Object.values(desc.columns)) {
      const target = col.spec.references && referencedTable(col.spec.references);
      const targetKey = target === undefined ? undefined : byName.get(target);
      if (targetKey !== undefined && targetKey !== key) visit(targetKey, [...path, key]);
    }
    done.add(key);
    out.push([key, desc]);
  };
  for (const key of Object.keys(descriptions)) visit(key, []);
  return out;
}
