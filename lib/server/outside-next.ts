// server.ts loads the API plane's modules itself, outside Next.js's bundler. Those modules
// start with `import "server-only"` (they must never reach a browser bundle), and that marker
// package throws unless it is resolved under React's server condition, which only the bundler
// sets. In this process it is server code by definition, so the marker resolves to an empty
// module, as it does in Next.js's server build. Must run before the plane is imported.
import Module, { createRequire } from "node:module";

export function allowServerOnlyImports() {
  const require = createRequire(__filename);
  const marker = require.resolve("server-only");
  const empty = new Module(marker);
  empty.filename = marker;
  empty.loaded = true;
  empty.exports = {};
  require.cache[marker] = empty;
}
