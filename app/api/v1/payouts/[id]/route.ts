import { serve } from '@/lib/api/serve';
import { getPayout } from '@/lib/api/v1/payouts';

export const runtime = 'nodejs';
export const GET = serve(getPayout);
