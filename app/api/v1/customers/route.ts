import { serve } from '@/lib/api/serve';
import { listCustomers } from '@/lib/api/v1/customers';

export const runtime = 'nodejs';
export const GET = serve(listCustomers);
