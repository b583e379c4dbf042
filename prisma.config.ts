import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI insists on a native schema-engine binary before every command, even
// `generate`, and that binary cannot be downloaded here. Generation itself runs in
// WebAssembly, so any existing file satisfies the check. Migrations do not go through
// the CLI at all: see prisma/scripts/migrate.ts (the WebAssembly schema engine).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma.config.ts");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
