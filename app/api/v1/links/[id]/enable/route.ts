import { serve } from '@/lib/api/serve';
import { enableLink } from '@/lib/api/v1/links';

export const runtime = 'nodejs';
export const POST = serve(enableLink);
