import { serve } from '@/lib/api/serve';
import { getPayoutBatch } from '@/lib/api/v1/payouts';

export const runtime = 'nodejs';
export const GET = serve(getPayoutBatch);
