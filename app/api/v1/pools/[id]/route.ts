import { serve } from '@/lib/api/serve';
import { getPool } from '@/lib/api/v1/pools';

export const runtime = 'nodejs';
export const GET = serve(getPool);
