import { serve } from '@/lib/api/serve';
import { disableLink } from '@/lib/api/v1/links';

export const runtime = 'nodejs';
export const POST = serve(disableLink);
