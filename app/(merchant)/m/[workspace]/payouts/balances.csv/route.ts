import { financeExport } from '@/lib/http/export-route';
import { balancesExportResponse } from '@/lib/server/exports/balances-export';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Pending, payable, processing and paid per partner and unit, now. */
export const GET = financeExport<{ workspace: string }>('balances export', ({ db, scope, now }) => balancesExportResponse(db, scope, now));
