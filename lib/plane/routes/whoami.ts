import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Scope } from "@/lib/keys/scopes";
import { whoamiResponseSchema } from "@/lib/validation/api";
import { keyRoute } from "../key-route";
import { onlyMethods } from "../methods";
import { EXAMPLE_KEY_ID, EXAMPLE_OWNER, EXAMPLE_TENANT } from "../openapi/examples";
import { KEY_ERRORS, routeDocs } from "../openapi/route-docs";

/** The low-impact call to check a key works: which tenant it works for, who made it, what it may do. */
export function whoamiRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/whoami",
    {
      schema: {
        ...routeDocs({
          operationId: "whoami",
          tag: "Keys",
          summary: "Check a key works",
          description: "The low-impact call to check a key: who it belongs to and what it may do. Needs any working key.",
          auth: "apiKey",
          rateLimited: true,
          errors: KEY_ERRORS,
          response: {
            description: "The key's id, name, network, scopes, owner and expiry.",
            example: {
              keyId: EXAMPLE_KEY_ID,
              name: "crm-sync-prod",
              network: "testnet",
              scopes: ["escrows:read"],
              owner: EXAMPLE_OWNER,
              tenant: EXAMPLE_TENANT,
              expiresAt: null,
            },
          },
        }),
        response: { 200: whoamiResponseSchema },
      },
    },
    keyRoute(whoamiResponseSchema, undefined, (key) => ({
      keyId: key.id,
      name: key.name,
      network: key.network,
      scopes: key.scopes as Scope[],
      owner: key.createdBy.address,
      tenant: key.workspace,
      expiresAt: key.expiresAt?.toISOString() ?? null,
    })),
  );
  onlyMethods(app, "/api/v1/whoami", "GET");
}
