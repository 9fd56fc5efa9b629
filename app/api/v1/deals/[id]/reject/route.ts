import { serve } from '@/lib/api/serve';
import { rejectDeal } from '@/lib/api/v1/deals';

export const runtime = 'nodejs';
export const POST = serve(rejectDeal);
