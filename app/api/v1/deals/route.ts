import { serve } from '@/lib/api/serve';
import { listDeals, registerDeal } from '@/lib/api/v1/deals';

export const runtime = 'nodejs';
export const GET = serve(listDeals);
export const POST = serve(registerDeal);
