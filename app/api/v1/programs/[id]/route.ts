import { serve } from '@/lib/api/serve';
import { getProgram, updateProgram } from '@/lib/api/v1/programs';

export const runtime = 'nodejs';
export const GET = serve(getProgram);
export const POST = serve(updateProgram);
