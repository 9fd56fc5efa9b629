import { serve } from '@/lib/api/serve';
import { getEnrollment } from '@/lib/api/v1/enrollments';

export const runtime = 'nodejs';
export const GET = serve(getEnrollment);
