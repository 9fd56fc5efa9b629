import { serve } from '@/lib/api/serve';
import { getLedgerEntry } from '@/lib/api/v1/ledger';

export const runtime = 'nodejs';
export const GET = serve(getLedgerEntry);
