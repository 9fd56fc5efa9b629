import { serve } from '@/lib/api/serve';
import { getLink } from '@/lib/api/v1/links';

export const runtime = 'nodejs';
export const GET = serve(getLink);
