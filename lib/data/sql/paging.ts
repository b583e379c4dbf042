import "server-only";

/** A page of an admin list: 1-based page number and its size, as the tables send them. */
export type PageQuery = { page: number; pageSize: number };
export type Page<T> = { rows: T[]; total: number };

/**
 * The one paged read every admin list uses: the rows of one page and the total that
 * matches, read together. `find` gets the window (skip/take) to pass to Prisma.
 */
export async function pagedQuery<Row, T>(
  query: PageQuery,
  find: (window: { skip: number; take: number }) => Promise<Row[]>,
  count: () => Promise<number>,
  toView: (row: Row) => T,
): Promise<Page<T>> {
  const [rows, total] = await Promise.all([find({ skip: (query.page - 1) * query.pageSize, take: query.pageSize }), count()]);
  return { rows: rows.map(toView), total };
}
