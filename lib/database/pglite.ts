// The one way to open a PGlite database (the embedded store, the migration shadow and
// scratch databases): every one of them must load the same extensions, or a migration
// that creates one (pg_trgm, for the admin key search) fails on the others.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** `dataDir`: a directory, or "memory://" for a throwaway database. */
export function createPglite(dataDir: string): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}
