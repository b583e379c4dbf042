import type { KeyView } from "@/lib/keys/view";

/** "…a1B2": a key told apart by its last four (its prefix is shared with every key of its network). */
export function keyEnding(k: Pick<KeyView, "masked">): string {
  const end = k.masked.slice(k.masked.indexOf("…") + 1);
  return end ? `…${end}` : k.masked;
}
