// The layers of lib/, bottom to top, and the one rule between them: an import points down (or
// stays in its own layer), never up. ESLint enforces it (eslint-plugin-boundaries) in
// `npm run lint`; test/layers.test.ts proves a wrong-way import fails the lint.
import boundaries from "eslint-plugin-boundaries";

/** Each layer and the folders that form it, lowest first. */
export const LAYERS = [
  // Configuration, process state, the result and problem types: imports no feature.
  { type: "core", pattern: ["lib/core"] },
  // Pure rules and vocabulary: no database, no HTTP, no framework.
  {
    type: "domain",
    pattern: ["lib/{keys,workspaces,audit,wallets,networks,validation,docs,secret-scanning,webhooks,mail}"],
  },
  // Mechanisms with no feature in them: the database, limits, batching, the request's edges, the gateway's route table and headers.
  { type: "infra", pattern: ["lib/{database,limits,batching,http,gateway,generated,smtp}"] },
  // Server-only data access, one folder per entity.
  { type: "data", pattern: ["lib/data"] },
  // What a request meets: the API plane, the key check, sign-in and its guards, the action builder, SEP-10 web auth and its tokens.
  { type: "edge", pattern: ["lib/{auth,api,usage,actions,plane,server,sep10}"] },
  // Shared UI, used by more than one route: may use every layer of lib/, never a route's own files.
  { type: "components", pattern: ["components"] },
  // Next.js routes and the process entry points: may use all of the above; nothing imports them.
  { type: "app", pattern: ["app"] },
];

const order = LAYERS.map((l) => l.type);
/** A layer may import itself and every layer below it. */
const below = (type) => (order.includes(type) ? order.slice(0, order.indexOf(type) + 1) : []);

export const layersConfig = [
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    plugins: { boundaries },
    settings: {
      "boundaries/elements": [
        ...LAYERS.map(({ type, pattern }) => ({ type, pattern, partialMatch: false })),
        // Any other folder of lib/: nothing may import it until it joins a layer above.
        { type: "unlayered", pattern: "lib/*", partialMatch: false },
      ],
      // The first match names a file: a test, else source.
      "boundaries/files-single-match": true,
      "boundaries/files": [
        { category: "test", pattern: ["**/*.test.{ts,tsx}", "test/**", "e2e/**", "bench/**", "prisma/**"] },
        { category: "source", pattern: ["**"] },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          policies: [...order, "unlayered"].map((type) => ({
            // Tests may reach up: a data test drives the key check, an infra test seeds through data.
            from: { element: { type }, file: { categories: "source" } },
            disallow: { to: { element: { types: { noneOf: below(type) } } } },
            message:
              type === "unlayered"
                ? "Layers: this folder of lib/ belongs to no layer; add it to one in eslint.layers.mjs."
                : `Layers: ${type} may import only ${below(type).join(", ")}; this import reaches up or out of lib/'s layers (eslint.layers.mjs).`,
          })),
        },
      ],
    },
  },
];
