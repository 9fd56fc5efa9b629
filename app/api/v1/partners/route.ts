import { serve } from '@/lib/api/serve';
import { createPartner, listPartners } from '@/lib/api/v1/partners';

export const runtime = 'nodejs';
export const GET = serve(listPartners);
export const POST = serve(createPartner);
