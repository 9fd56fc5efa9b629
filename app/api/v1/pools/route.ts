import { serve } from '@/lib/api/serve';
import { listPools } from '@/lib/api/v1/pools';

export const runtime = 'nodejs';
export const GET = serve(listPools);
