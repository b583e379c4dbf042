// Text from outside must be text: control characters (NUL above all, which PostgreSQL refuses
// to store) get a field error, not a database error. Multi-line fields keep tab and newlines.
import { z } from "zod";

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Refuses control characters in a text field, naming the field. */
export const plainText = (label: string, { multiline = false } = {}) =>
  z
    .string()
    .refine(
      (v) => !(multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(v),
      `${label} contains characters that cannot be stored (control characters).`,
    );

/** A record id from the client (cuid or uuid): anything else cannot name a row. */
export const recordId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, "That id is not valid.");

/** A form field that may be left out of the FormData (an unchecked box, an empty optional field): read as "". */
export const orEmpty = <S extends z.ZodType>(schema: S) => z.preprocess((v) => v ?? "", schema);

/** A field a form sends once per ticked box: one value, several, or none. */
export const repeatable = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), schema);
