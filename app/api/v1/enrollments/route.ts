import { serve } from '@/lib/api/serve';
import { createEnrollment, listEnrollments } from '@/lib/api/v1/enrollments';

export const runtime = 'nodejs';
export const GET = serve(listEnrollments);
export const POST = serve(createEnrollment);
