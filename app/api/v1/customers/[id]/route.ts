import { serve } from '@/lib/api/serve';
import { getCustomer } from '@/lib/api/v1/customers';

export const runtime = 'nodejs';
export const GET = serve(getCustomer);
