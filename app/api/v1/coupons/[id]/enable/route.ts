import { serve } from '@/lib/api/serve';
import { enableCoupon } from '@/lib/api/v1/coupons';

export const runtime = 'nodejs';
export const POST = serve(enableCoupon);
