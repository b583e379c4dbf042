import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { escrowsResponseSchema } from "@/lib/validation/api";
import { keyRoute } from "@/lib/plane/key-route";
import { onlyMethods } from "@/lib/plane/methods";

/**
 * The caller's indexed escrows (needs escrows:read). Keyport indexes nothing yet, so the
 * list is empty; `indexing` reflects the key creator's "Save escrows" preference.
 */
export function escrowsRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/escrows",
    { schema: { response: { 200: escrowsResponseSchema } } },
    keyRoute(escrowsResponseSchema, "escrows:read", (key) => ({ data: [], indexing: key.createdBy.saveEscrows, network: key.network })),
  );
  onlyMethods(app, "/api/v1/escrows", "GET");
}
