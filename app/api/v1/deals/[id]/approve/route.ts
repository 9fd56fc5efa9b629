import { serve } from '@/lib/api/serve';
import { approveDeal } from '@/lib/api/v1/deals';

export const runtime = 'nodejs';
export const POST = serve(approveDeal);
