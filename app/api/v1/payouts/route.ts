import { serve } from '@/lib/api/serve';
import { listPayouts } from '@/lib/api/v1/payouts';

export const runtime = 'nodejs';
export const GET = serve(listPayouts);
