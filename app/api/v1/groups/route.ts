import { serve } from '@/lib/api/serve';
import { listGroups } from '@/lib/api/v1/groups';

export const runtime = 'nodejs';
export const GET = serve(listGroups);
