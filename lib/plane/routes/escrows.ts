import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { escrowsResponseSchema } from "@/lib/validation/api";
import { keyRoute } from "../key-route";
import { onlyMethods } from "../methods";
import { KEY_ERRORS, routeDocs } from "../openapi/route-docs";

/**
 * The caller's indexed escrows (needs escrows:read). Keyport indexes nothing yet, so the
 * list is empty; `indexing` reflects the key creator's "Save escrows" preference.
 */
export function escrowsRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/escrows",
    {
      schema: {
        ...routeDocs({
          operationId: "listEscrows",
          tag: "Escrows",
          summary: "List your indexed escrows",
          description: "The escrows indexed for the key's owner. Needs the `escrows:read` scope.",
          auth: "apiKey",
          scope: "escrows:read",
          rateLimited: true,
          errors: [...KEY_ERRORS, "insufficient_scope"],
          response: {
            description: "The caller's escrows on the key's network.",
            example: { data: [], indexing: true, network: "testnet" },
          },
        }),
        response: { 200: escrowsResponseSchema },
      },
    },
    keyRoute(escrowsResponseSchema, "escrows:read", (key) => ({ data: [], indexing: key.createdBy.saveEscrows, network: key.network })),
  );
  onlyMethods(app, "/api/v1/escrows", "GET");
}
