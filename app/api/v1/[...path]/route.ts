import { apiError } from "@/lib/api/respond";

const notFound = (request: Request) =>
  apiError(404, "not_found", `No such endpoint: ${request.method} ${new URL(request.url).pathname}.`);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
