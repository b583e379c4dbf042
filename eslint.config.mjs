// ESLint 9 flat config: Next.js's core-web-vitals and TypeScript rules, with Prettier owning
// formatting (eslint-config-prettier turns off the rules that would fight it). `npm test`
// runs it with --max-warnings=0. The layers of lib/ (imports point down) are in eslint.layers.mjs.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import { layersConfig } from "./eslint.layers.mjs";

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  ...layersConfig,
  {
    rules: {
      // Unused names are bugs; a leading underscore marks a parameter kept for a signature.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  // Playwright fixtures call their own `use`, which is not React's.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
