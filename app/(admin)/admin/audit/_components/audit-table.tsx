"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import { useState } from "react";
import { DataTable } from "@/components/data-table";
import { PageNav } from "@/components/page-nav";
import { Button } from "@/components/ui/button";
import type { AuditView } from "@/lib/audit/view";
import { useDebounced } from "@/components/use-debounced";
import { useAdminPage } from "../../_components/admin-fetch";
import { auditColumns as columns } from "@/components/audit-columns";
import { AuditFilterBar, isFiltered, NO_FILTERS, type AuditFilters } from "./audit-filters";
import { ExportButton } from "./export-button";

const PAGE_SIZE = 50;

export function AuditTable() {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const change = (patch: Partial<AuditFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const clear = () => change(NO_FILTERS);
  // Typing waits for a pause; a chosen action or day applies at once.
  const query = {
    actor: useDebounced(filters.actor.trim()),
    target: useDebounced(filters.target.trim()),
    action: filters.action,
    from: filters.from,
    to: filters.to,
  };
  const data = useAdminPage<AuditView>("admin-audit", "/api/admin/audit", { ...query, page, pageSize: PAGE_SIZE }, 15_000);

  return (
    <section aria-labelledby="audit" className="space-y-4">
      <HydrationMarker />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="audit" className="text-lg font-semibold">
            Audit log
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Every change to keys and users, newest first. Entries cannot be edited or deleted.
          </p>
        </div>
        <ExportButton filters={query} />
      </div>
      <AuditFilterBar value={filters} onChange={change} />
      {isFiltered(filters) && (
        <Button variant="ghost" size="sm" onClick={clear}>
          Clear filters
        </Button>
      )}
      <DataTable
        caption="Audit log"
        columns={columns}
        {...data}
        nav={<PageNav caption="Audit log" loading={data.loading} total={data.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} />}
        rowKey={(e) => e.id}
        empty={
          isFiltered(filters) ? (
            <div className="space-y-3">
              <p>No events match these filters.</p>
              <Button variant="secondary" size="sm" onClick={clear}>
                Clear filters
              </Button>
            </div>
          ) : (
            "No events yet."
          )
        }
      />
    </section>
  );
}
