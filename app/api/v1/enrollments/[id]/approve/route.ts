import { serve } from '@/lib/api/serve';
import { approveEnrollment } from '@/lib/api/v1/enrollments-actions';

export const runtime = 'nodejs';
export const POST = serve(approveEnrollment);
