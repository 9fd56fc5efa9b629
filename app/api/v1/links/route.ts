import { serve } from '@/lib/api/serve';
import { createLink, listLinks } from '@/lib/api/v1/links';

export const runtime = 'nodejs';
export const GET = serve(listLinks);
export const POST = serve(createLink);
