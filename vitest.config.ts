import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React's server build; tests are server code.
      "server-only": path.resolve(__dirname, "test/empty.ts"),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        // Every folder with code: a test file anywhere in it runs.
        test: { name: "unit", include: ["{app,components,lib,test}/**/*.test.{ts,tsx}"], exclude: ["**/*.int.test.ts", "node_modules/**"] },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["{app,components,lib,test}/**/*.int.test.ts"],
          // Each file gets its own fresh database: a temporary PGlite directory, or a new
          // database on the PostgreSQL server named by DATABASE_URL.
          setupFiles: ["test/database-setup.ts"],
          // next-auth imports "next/server" without an extension, which Node's ESM resolver
          // refuses; bundling it through Vite resolves it as Next.js does.
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
