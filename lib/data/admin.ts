import "server-only";
import { db } from "@/lib/db";

// not scoped to a user: callers must have passed requireAdmin()
export async function countUsers(): Promise<number> {
  return db.user.count();
}
