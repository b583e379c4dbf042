"use client";

import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { AUDIT_EXPORT_MAX_ROWS } from "@/lib/audit/view";
import { adminGet } from "../../_components/admin-fetch";

type Filters = Record<string, string | undefined>;

/** Fetches the CSV for the filters and hands it to the browser as a download. */
async function downloadCsv(filters: Filters) {
  const res = await adminGet("/api/admin/audit/export", filters);
  const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? "keyport-audit.csv";
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the browser keeps its own copy.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, total: Number(res.headers.get("X-Total-Count")), exported: Number(res.headers.get("X-Exported-Count")) };
}

const events = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "event" : "events"}`;

/** "Export CSV" for what the table's filters match; says how it went in a toast and beside the button. */
export function ExportButton({ filters }: { filters: Filters }) {
  const exporting = useMutation({
    mutationFn: downloadCsv,
    onSuccess: ({ name, total, exported }) =>
      exported < total
        ? toast.warning(
            `Exported the newest ${events(exported)} of ${total.toLocaleString("en")} (the maximum per file) to ${name}. Narrow the dates for the rest.`,
          )
        : toast.success(`Exported ${events(exported)} to ${name}.`),
    onError: (error) => toast.error(`Export failed: ${error.message}`),
  });
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <Button variant="secondary" pending={exporting.isPending} onClick={() => exporting.mutate(filters)}>
        {exporting.isPending ? "Exporting…" : "Export CSV"}
      </Button>
      <p role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
        {exporting.isError
          ? `Export failed: ${exporting.error.message}`
          : exporting.isSuccess
            ? `Downloaded ${events(exporting.data.exported)}.`
            : `These filters, up to ${AUDIT_EXPORT_MAX_ROWS.toLocaleString("en")} rows.`}
      </p>
    </div>
  );
}
