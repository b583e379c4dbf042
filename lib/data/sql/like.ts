import "server-only";

/**
 * A user's search text for Prisma's `contains`/`startsWith`, which put it between `%`s
 * as it is: "50%" or "a_b" would otherwise be wildcards and match far more than typed.
 * PostgreSQL's LIKE escapes with a backslash unless told otherwise.
 */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
