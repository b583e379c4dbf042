import { keyInUrlResponse } from "@/lib/api/key-auth";
import { keyInUrl } from "@/lib/api/key-in-url";
import { apiError } from "@/lib/api/respond";

/** Any other /api/v1 path: 404, naming the path, unless it carries a key (never echoed back). */
const notFound = (request: Request) => {
  const url = new URL(request.url);
  if (keyInUrl(url)) return keyInUrlResponse();
  return apiError("not_found", `No such endpoint: ${request.method} ${url.pathname.slice(0, 200)}.`);
};

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
