import { serve } from '@/lib/api/serve';
import { getGroup } from '@/lib/api/v1/groups';

export const runtime = 'nodejs';
export const GET = serve(getGroup);
