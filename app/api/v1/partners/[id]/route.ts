import { serve } from '@/lib/api/serve';
import { getPartner, updatePartner } from '@/lib/api/v1/partners';

export const runtime = 'nodejs';
export const GET = serve(getPartner);
export const POST = serve(updatePartner);
