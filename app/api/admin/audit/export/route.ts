import { sessionRoute } from "@/lib/api/session-route";
import { auditCsvChunk, auditCsvFilename } from "@/lib/audit/csv";
import { exportAudit } from "@/lib/data/audit/log";
import { auditFilterSchema } from "@/lib/validation/admin";

/**
 * The audit log as CSV, for the table's current filters: newest first, at most
 * AUDIT_EXPORT_MAX_ROWS (50,000) rows, streamed in batches. The count and the first batch
 * are read before the response starts, so a bad query or a database outage still gets its
 * 400 or 503; the headers say how many rows matched and how many the file holds.
 */
export const GET = sessionRoute.admin(auditFilterSchema, async (filter) => {
  const { total, exported, batches } = await exportAudit(filter);
  const encoder = new TextEncoder();
  const first = await batches.next();
  const head = auditCsvChunk(first.done ? [] : first.value, true);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head));
      if (first.done) controller.close();
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(auditCsvChunk(next.value, false)));
      } catch (error) {
        // The status is sent already: the download fails visibly (cut short), and the log says why.
        console.error(
          `[api] GET /api/admin/audit/export failed mid-stream: ${error instanceof Error ? error.message.split("\n")[0] : "non-error"}`,
        );
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${auditCsvFilename()}"`,
      "Cache-Control": "no-store",
      "X-Total-Count": String(total),
      "X-Exported-Count": String(exported),
    },
  });
});
