/** Every table description keyed by its TypeScript name: the one list the compilers read. */
import * as tables from './tables/index.js';

export type TableDescriptions = typeof tables;
export type TableKey = keyof TableDescriptions;

// A plain object, not the module namespace (which is not an ordinary object for spreads and checks).
export const tableDescriptions: TableDescriptions = { ...tables };
