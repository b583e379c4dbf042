// Deeply nested JSON (a few hundred kB of brackets) overflows the stack of the parsers
// behind it. Measured without parsing: brackets inside strings do not count.

/** Whether `text` nests arrays/objects deeper than `limit`; stops at the first level past it. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The deepest nesting any legitimate Keyport request needs is far below this. */
export const MAX_NESTING = 64;
