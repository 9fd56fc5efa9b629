import { serve } from '@/lib/api/serve';
import { createProgram, listPrograms } from '@/lib/api/v1/programs';

export const runtime = 'nodejs';
export const GET = serve(listPrograms);
export const POST = serve(createProgram);
