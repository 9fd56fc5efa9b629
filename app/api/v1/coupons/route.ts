import { serve } from '@/lib/api/serve';
import { createCoupon, listCoupons } from '@/lib/api/v1/coupons';

export const runtime = 'nodejs';
export const GET = serve(listCoupons);
export const POST = serve(createCoupon);
