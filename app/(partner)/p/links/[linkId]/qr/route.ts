import { getDb } from '@/db/client';
import { partnerIdsOfUser } from '@/db/queries/partners';
import { currentUser } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import { pathId } from '@/lib/http/export-route';
import { errorResponse } from '@/lib/http/respond';
import { appOrigin } from '@/lib/server/app-origin';
import { linkQrImage } from '@/lib/server/link-qr';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /p/links/<linkId>/qr?format=png|svg: the QR code of the caller's tracked link, as a download.
 * Signed out, another partner's link, or no such link: the same 404 (the route reveals nothing).
 * A bad format on one's own link is a 400 naming it. Nothing is written.
 */
export async function GET(request: Request, context: { params: Promise<{ linkId: string }> }): Promise<Response> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('not_found', 'Not found.');
    const linkId = pathId((await context.params).linkId);
    const db = getDb();
    const partnerIds = (await partnerIdsOfUser(db, user.id)).map((p) => p.id);
    const image = await linkQrImage(db, { partnerIds }, linkId, new URL(request.url).searchParams.get('format'), await appOrigin());
    return new Response(image.body as BodyInit, {
      headers: {
        'Content-Type': image.contentType,
        'Content-Disposition': `attachment; filename="${image.fileName}"`,
        // the image depends on the signed-in user: never shared by a cache
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (err) {
    return errorResponse(err, 'link QR code');
  }
}
