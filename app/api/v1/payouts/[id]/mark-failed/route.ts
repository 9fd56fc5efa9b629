import { serve } from '@/lib/api/serve';
import { markPayoutFailedEndpoint } from '@/lib/api/v1/payouts';

export const runtime = 'nodejs';
export const POST = serve(markPayoutFailedEndpoint);
