import { serve } from '@/lib/api/serve';
import { markPayoutPaidEndpoint } from '@/lib/api/v1/payouts';

export const runtime = 'nodejs';
export const POST = serve(markPayoutPaidEndpoint);
