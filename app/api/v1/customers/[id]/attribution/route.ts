import { serve } from '@/lib/api/serve';
import { attributeCustomer } from '@/lib/api/v1/customers';

export const runtime = 'nodejs';
export const POST = serve(attributeCustomer);
