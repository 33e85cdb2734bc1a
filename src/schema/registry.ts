/** Every table description keyed by its TypeScript name: the one list the compilers read. */
import * as tables from './tables/index.js';

export type TableDescriptions = Omit<typeof tables, 'allTables'>;
export type TableKey = keyof TableDescriptions;

const { allTables: _ordered, ...descriptions } = tables;
export const tableDescriptions: TableDescriptions = descriptions;
