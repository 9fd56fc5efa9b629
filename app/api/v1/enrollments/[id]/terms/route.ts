import { serve } from '@/lib/api/serve';
import { setEnrollmentTermsEndpoint } from '@/lib/api/v1/enrollments-actions';

export const runtime = 'nodejs';
export const POST = serve(setEnrollmentTermsEndpoint);
