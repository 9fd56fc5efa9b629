import { serve } from '@/lib/api/serve';
import { getEvent } from '@/lib/api/v1/events';

export const runtime = 'nodejs';
export const GET = serve(getEvent);
