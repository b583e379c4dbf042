import { sessionRoute } from "@/lib/api/session-route";
import { listAudit } from "@/lib/data/audit/log";
import { auditQuerySchema } from "@/lib/validation/admin";

export const GET = sessionRoute.admin(auditQuerySchema, (query) => listAudit(query));
