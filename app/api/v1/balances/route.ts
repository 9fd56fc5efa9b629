import { serve } from '@/lib/api/serve';
import { listBalances } from '@/lib/api/v1/balances';

export const runtime = 'nodejs';
export const GET = serve(listBalances);
