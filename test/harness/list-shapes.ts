/**
 * Distinct `customers.list` shapes for the statement-cache bound (test/statement-cache.test.ts,
 * bench/statement-cache.ts): every combination is a distinct statement the library renders.
 */
export type Field = 'id' | 'externalId' | 'email' | 'name' | 'phone' | 'createdAt' | 'updatedAt' | 'deletedAt';
export const FIELDS: readonly Field[] = ['id', 'externalId', 'email', 'name', 'phone', 'createdAt', 'updatedAt', 'deletedAt'];
export type Value = string | Date | null;
export interface Shape {
  filters: Partial<Record<Field, Value>>;
  orderBy: Field;
  orderDirection: 'asc' | 'desc';
}

/**
 * Distinct list shapes: up to four filter fields in every key order, each filter `null` (IS
 * NULL) or a value (= ?), with every order field and direction. `valueOf` picks the value.
 */
export function* shapes(valueOf: (field: Field, n: number) => Value): Generator<Shape> {
  let n = 0;
  const lists: Field[][] = [];
  const grow = (prefix: Field[]) => {
    if (prefix.length > 0) lists.push(prefix);
    if (prefix.length < 4) for (const f of FIELDS) if (!prefix.includes(f)) grow([...prefix, f]);
  };
  grow([]);
  for (const keys of lists) {
    for (let nulls = 0; nulls < 2 ** keys.length; nulls++) {
      for (const orderBy of FIELDS) {
        for (const orderDirection of ['asc', 'desc'] as const) {
          const filters = Object.fromEntries(keys.map((k, i) => [k, (nulls >> i) & 1 ? null : valueOf(k, n++)]));
          yield { filters, orderBy, orderDirection };
        }
      }
    }
  }
}

export function sameValue(a: unknown, b: Value): boolean {
  if (b === null) return a === null || a === undefined;
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}
