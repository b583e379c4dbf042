import "server-only";
// Keyset ("seek") pages for the admin keys table: a page starts right after the last row
// of the one before (its sort value and id), so page 40,000 costs what page 1 costs; OFFSET
// read and threw away every row in front of it. Rows inserted meanwhile shift nothing:
// a cursor names a place in the order, not a row number.
import type { Prisma } from "@/lib/generated/prisma/client";

export type SortField = "createdAt" | "lastUsedAt";
export type Dir = "asc" | "desc";
/** The sort value and id of the row a page starts after (`after`) or ends before (`before`). */
export type Cursor = { at: Date | null; id: string };
export type SeekQuery = { sort: SortField; dir: Dir; pageSize: number; after?: Cursor; before?: Cursor };
export type SeekPage<Row> = { rows: Row[]; next: Cursor | null; prev: Cursor | null };

type Find<Row> = (args: {
  where: Prisma.ApiKeyWhereInput;
  orderBy: Prisma.ApiKeyOrderByWithRelationInput[];
  take: number;
}) => Promise<Row[]>;

const flip = (dir: Dir): Dir => (dir === "asc" ? "desc" : "asc");

/**
 * The order read one way: never-used keys last when newest first and first when oldest
 * first, the same order both ways, so one index ("lastUsedAt" DESC NULLS LAST, id DESC)
 * serves both; ties broken by id. createdAt is never null.
 */
function orderBy(sort: SortField, dir: Dir): Prisma.ApiKeyOrderByWithRelationInput[] {
  const value =
    sort === "lastUsedAt"
      ? { lastUsedAt: { sort: dir, nulls: dir === "desc" ? ("last" as const) : ("first" as const) } }
      : { createdAt: dir };
  return [value, { id: dir }];
}

/**
 * The rows after `cursor` in (sort, dir), as a list of index ranges read in turn. A null
 * sort value (never used) is its own range: "lastUsedAt <= x OR lastUsedAt IS NULL" is
 * no range of the index, so it is read as two. The redundant `lte`/`gte` bound is what
 * lets the index start at the cursor instead of filtering from the top.
 */
function ranges(sort: SortField, dir: Dir, cursor?: Cursor): Prisma.ApiKeyWhereInput[] {
  const past = dir === "desc" ? "lt" : "gt";
  const upTo = dir === "desc" ? "lte" : "gte";
  const valued: Prisma.ApiKeyWhereInput = sort === "lastUsedAt" ? { lastUsedAt: { not: null } } : {};
  const unused: Prisma.ApiKeyWhereInput[] = sort === "lastUsedAt" ? [{ lastUsedAt: null }] : [];
  const nullsFirst = dir === "asc";
  if (!cursor) return nullsFirst ? [...unused, valued] : [valued, ...unused];
  if (cursor.at === null) {
    const rest: Prisma.ApiKeyWhereInput = { [sort]: null, id: { [past]: cursor.id } };
    return nullsFirst ? [rest, valued] : [rest];
  }
  const rest: Prisma.ApiKeyWhereInput = {
    [sort]: { [upTo]: cursor.at },
    OR: [{ [sort]: { [past]: cursor.at } }, { id: { [past]: cursor.id } }],
  };
  return nullsFirst ? [rest] : [rest, ...unused];
}

async function read<Row>(find: Find<Row>, where: Prisma.ApiKeyWhereInput, sort: SortField, dir: Dir, take: number, cursor?: Cursor) {
  const rows: Row[] = [];
  for (const range of ranges(sort, dir, cursor)) {
    if (rows.length >= take) break;
    rows.push(...(await find({ where: { AND: [where, range] }, orderBy: orderBy(sort, dir), take: take - rows.length })));
  }
  return rows;
}

/** One page of keys matching `where`, with the cursors of the pages either side (null at an end). */
export async function seekPage<Row extends { id: string }>(
  find: Find<Row>,
  where: Prisma.ApiKeyWhereInput,
  query: SeekQuery,
  valueOf: (row: Row) => Date | null,
): Promise<SeekPage<Row>> {
  const { sort, dir, pageSize } = query;
  const cursorOf = (row: Row | undefined): Cursor | null => (row ? { at: valueOf(row), id: row.id } : null);
  if (query.before) {
    const back = await read(find, where, sort, flip(dir), pageSize + 1, query.before);
    // Fewer than a page before it: rows were removed meanwhile. Show the first page instead of a short one.
    if (back.length < pageSize) return seekPage(find, where, { sort, dir, pageSize }, valueOf);
    const rows = back.slice(0, pageSize).reverse();
    return { rows, prev: back.length > pageSize ? cursorOf(rows[0]) : null, next: cursorOf(rows.at(-1)) };
  }
  const ahead = await read(find, where, sort, dir, pageSize + 1, query.after);
  const rows = ahead.slice(0, pageSize);
  return { rows, prev: query.after ? cursorOf(rows[0]) : null, next: ahead.length > pageSize ? cursorOf(rows.at(-1)) : null };
}
