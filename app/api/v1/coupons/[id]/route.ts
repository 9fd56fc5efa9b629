import { serve } from '@/lib/api/serve';
import { getCoupon } from '@/lib/api/v1/coupons';

export const runtime = 'nodejs';
export const GET = serve(getCoupon);
