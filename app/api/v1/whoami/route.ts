import { otherMethods } from "@/lib/api/methods";
import { apiJson } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { authenticateRequest } from "@/lib/api/key-auth";
import type { Scope } from "@/lib/keys/scopes";
import type { WhoamiResponse } from "@/lib/validation/api";

/** The low-impact call to check a key works: which tenant it works for, who made it, what it may do. */
export const GET = apiRoute(async (request: Request) => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const { key } = auth;
  return apiJson(
    {
      keyId: key.id,
      name: key.name,
      network: key.network,
      scopes: key.scopes as Scope[],
      owner: key.createdBy.address,
      tenant: key.workspace,
      expiresAt: key.expiresAt?.toISOString() ?? null,
    } satisfies WhoamiResponse,
    { headers: auth.headers },
  );
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
