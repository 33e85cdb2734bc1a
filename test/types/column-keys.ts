/**
 * Type-level checks of typed column keys (issue 16 §1; `tsc --noEmit` fails if any is false):
 * conditions, orders and sums are checked against the table's row type, so a misspelt column is a
 * compile error instead of "billing_customers has no column emial" at run time.
 */
import { asc, eq, isNull, or } from '../../src/repositories/conditions.js';
import type { TableRepository } from '../../src/repositories/table.js';

declare const customers: TableRepository<'customers'>;
declare const usage: TableRepository<'usageRecords'>;

void customers.findOne([eq('email', 'a@b.io'), isNull('deletedAt')], { orderBy: [asc('createdAt')] });
void customers.findMany([or([eq('name', 'x')], [eq('phone', 'y')])]);
void usage.sum('quantity', [eq('limitKey', 'seats')]);

// @ts-expect-error a misspelt column in a condition
void customers.findOne([eq('emial', 'a@b.io')]);
// @ts-expect-error a misspelt column in an order
void customers.findMany([], { orderBy: [asc('createdAtt')] });
// @ts-expect-error a column of another table
void customers.count([eq('limitKey', 'seats')]);
// @ts-expect-error a misspelt column inside an OR group
void customers.findMany([or([eq('nmae', 'x')])]);
// @ts-expect-error a misspelt column to sum
void usage.sum('quantty', []);
