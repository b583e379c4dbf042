// Only an HMAC of a key is stored. Keyed with a secret kept outside the database, a
// stolen database dump cannot be used to check guesses offline.
import { createHmac } from "node:crypto";

export function hashKey(key: string, secret: string): string {
  return createHmac("sha256", secret).update(key, "utf8").digest("base64url");
}
