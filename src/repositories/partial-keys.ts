/**
 * MySQL has no partial unique indexes: the compiled table gives each key column of one a stored
 * generated twin (`provider_if_pending`), NULL unless the predicate holds, and the unique index
 * covers the twins. The planner does not match conditions on the source columns to that index
 * (measured on MariaDB 10.11: `provider = ? and provider_resource_id = ? and status = 'pending'`
 * read through the status index instead), so a lookup by the whole key also compares the twins.
 * The added conditions are implied by the original ones: the answer is unchanged. On PostgreSQL
 * and SQLite the tables have no twins and conditions pass through untouched.
 */
import type { Column } from 'drizzle-orm';
import { partialKeyColumn } from '../schema/compile/shared.js';
import type { ColumnSpec, IndexSpec, TableDescription } from '../schema/describe.js';
import { type Cond, eq } from './conditions.js';

interface PartialKey {
  readonly column: string;
  readonly equals: unknown;
  readonly twins: ReadonlyArray<readonly [source: string, twin: string]>;
}

export class PartialKeys {
  private readonly keys: PartialKey[] = [];
  private readonly specs = new Map<string, ColumnSpec>();

  constructor(description: TableDescription, columns: Record<string, Column | undefined>) {
    for (const index of description.indexes as readonly IndexSpec[]) {
      if (!index.where) continue;
      const twins = index.columns.map((source) => [source, partialKeyColumn(source, index)] as const);
      if (!twins.every(([, twin]) => columns[twin] !== undefined)) continue;
      for (const [source, twin] of twins) {
        const spec = description.columns[source]?.spec;
        if (spec) this.specs.set(twin, { ...spec, nullable: true });
      }
      this.keys.push({ column: index.where.column, equals: index.where.equals, twins });
    }
  }

  /** The spec of a twin column (encoded exactly like its source), if `key` is one. */
  spec(key: string): ColumnSpec | undefined {
    return this.specs.get(key);
  }

  /** `conds`, plus equality on the twins wherever they pin a whole partial key and its predicate. */
  extend(conds: readonly Cond[]): readonly Cond[] {
    if (this.keys.length === 0) return conds;
    const equal = (col: string) => conds.find((c): c is Cond & { op: 'eq'; value: unknown } => c.op === 'eq' && c.col === col);
    let out = conds;
    for (const key of this.keys) {
      if (equal(key.column)?.value !== key.equals) continue;
      const values = key.twins.map(([source]) => equal(source));
      if (values.some((v) => v === undefined)) continue;
      out = [...out, ...key.twins.map(([, twin], i) => eq(twin, values[i]?.value))];
    }
    return out;
  }
}
