import { adminQueryRoute } from "@/lib/api/admin-route";
import { listAudit } from "@/lib/data/audit/log";
import { auditQuerySchema } from "@/lib/validation/admin";

export const GET = adminQueryRoute(auditQuerySchema, listAudit);
