import { financeExport, pathId } from '@/lib/http/export-route';
import { batchExportResponse } from '@/lib/server/exports/batch-export';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The batch's payouts as CSV; ?format=paypal (one currency per file, ?currency=) or ?format=wise for bulk upload. */
export const GET = financeExport<{ workspace: string; batchId: string }>('batch export', ({ db, scope, params, query, now }) =>
  batchExportResponse(db, scope, pathId(params.batchId), query, now),
);
