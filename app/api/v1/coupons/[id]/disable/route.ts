import { serve } from '@/lib/api/serve';
import { disableCoupon } from '@/lib/api/v1/coupons';

export const runtime = 'nodejs';
export const POST = serve(disableCoupon);
