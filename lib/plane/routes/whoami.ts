import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Scope } from "@/lib/keys/scopes";
import { whoamiResponseSchema } from "@/lib/validation/api";
import { keyRoute } from "@/lib/plane/key-route";
import { onlyMethods } from "@/lib/plane/methods";

/** The low-impact call to check a key works: which tenant it works for, who made it, what it may do. */
export function whoamiRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/whoami",
    { schema: { response: { 200: whoamiResponseSchema } } },
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
