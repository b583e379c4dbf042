import { z } from "zod";

/** A keyset cursor as it travels in a URL: `<sort value in ms, or "n" for none>.<row id>`. */
export type CursorValue = { at: Date | null; id: string };

export const encodeCursor = ({ at, id }: CursorValue): string => `${at ? at.getTime() : "n"}.${id}`;

const CURSOR = /^(n|\d{1,15})\.([A-Za-z0-9_-]{1,60})$/;

/** `after`/`before` of a paged admin list; anything else is a 400, never a query. */
export const cursorSchema = z
  .string()
  .regex(CURSOR, "That page cursor is not valid.")
  .transform((s): CursorValue => {
    const [, at, id] = CURSOR.exec(s)!;
    return { at: at === "n" ? null : new Date(Number(at)), id: id! };
  })
  .optional();
