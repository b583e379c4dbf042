import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React's server build; tests are server code.
      "server-only": path.resolve(__dirname, "lib/testing/empty.ts"),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: { name: "unit", include: ["lib/**/*.test.ts"], exclude: ["lib/**/*.int.test.ts", "node_modules/**"] },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "app/**/*.int.test.ts"],
          // Each file gets its own fresh database: a temporary PGlite directory, or a new
          // database on the PostgreSQL server named by DATABASE_URL.
          setupFiles: ["lib/testing/database-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
