import { otherMethods } from "@/lib/api/methods";
import { apiJson } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { authenticateRequest } from "@/lib/api/key-auth";

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
      scopes: key.scopes,
      owner: key.createdBy.address,
      tenant: key.workspace,
      expiresAt: key.expiresAt?.toISOString() ?? null,
    },
    { headers: auth.headers },
  );
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
