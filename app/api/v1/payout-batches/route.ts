import { serve } from '@/lib/api/serve';
import { createPayoutBatch, listPayoutBatches } from '@/lib/api/v1/payouts';

export const runtime = 'nodejs';
export const GET = serve(listPayoutBatches);
export const POST = serve(createPayoutBatch);
