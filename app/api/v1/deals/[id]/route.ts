import { serve } from '@/lib/api/serve';
import { getDeal } from '@/lib/api/v1/deals';

export const runtime = 'nodejs';
export const GET = serve(getDeal);
