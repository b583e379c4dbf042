import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/server/security-headers";

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time, not bundled: the WebAssembly schema engine reads
  // its .wasm beside itself, and PGlite ships its own data files; /docs builds an API plane
  // (fastify) to read its generated OpenAPI document, and fastify is a Node server, not for a bundle.
  serverExternalPackages: ["@prisma/schema-engine-wasm", "@electric-sql/pglite", "pglite-prisma-adapter", "fastify", "@fastify/swagger"],
  poweredByHeader: false,
  // On every response (the API plane sets the same ones). The CSP (with its nonce) is set per request in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
  // Lets QA and tests run the dev server on 127.0.0.1 as well as localhost.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
};

export default nextConfig;
