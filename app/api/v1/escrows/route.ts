import { otherMethods } from "@/lib/api/methods";
import { apiJson } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { authenticateRequest } from "@/lib/api/key-auth";
import type { EscrowsResponse } from "@/lib/validation/api";

/**
 * The caller's indexed escrows (needs escrows:read). Keyport indexes nothing yet, so the
 * list is empty; `indexing` reflects the key creator's "Save escrows" preference.
 */
export const GET = apiRoute(async (request: Request) => {
  const auth = await authenticateRequest(request, "escrows:read");
  if (!auth.ok) return auth.response;
  return apiJson({ data: [], indexing: auth.key.createdBy.saveEscrows, network: auth.key.network } satisfies EscrowsResponse, {
    headers: auth.headers,
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
