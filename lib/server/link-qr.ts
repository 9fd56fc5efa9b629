import 'server-only';
import QRCode from 'qrcode';
import type { Executor } from '../../db/client';
import { findLinkOfPartners } from '../../db/queries/portal-links';
import { AppError } from '../errors';

export const QR_FORMATS = ['png', 'svg'] as const;
export type QrFormat = (typeof QR_FORMATS)[number];

// Medium error correction (15%) survives a scuffed print or a logo sticker and keeps a short
// tracked URL at a small version; the 4-module quiet zone is what the QR standard asks for.
// 1,024 px PNGs print sharp at about 8 cm and up; the SVG scales to any size.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;
const PNG_WIDTH = 1024;

/** The address a partner shares (and its QR code encodes): the app's origin plus /r/<code>. */
export function trackedLinkUrl(origin: string, code: string): string {
  return `${origin}/r/${code}`;
}

/** `?format=` of the QR route: png when absent; anything else is a 400 naming the parameter. */
export function parseQrFormat(value: string | null): QrFormat {
  if (value === null || value === '') return 'png';
  if ((QR_FORMATS as readonly string[]).includes(value)) return value as QrFormat;
  throw new AppError('invalid_input', 'format must be png or svg.', { format: 'must be png or svg' });
}

export interface QrImage {
  body: Uint8Array | string;
  contentType: string;
  fileName: string;
  /** what the code encodes, for the caller's logs and tests */
  url: string;
}

/** A tracked URL as a QR image, rendered by the qrcode library. */
export async function renderQr(url: string, format: QrFormat): Promise<Uint8Array | string> {
  if (format === 'svg') return QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });
  return new Uint8Array(await QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width: PNG_WIDTH }));
}

/**
 * The QR code of one of the caller's links. A link of any other partner, or an id that names no
 * link, is "not found" alike, whatever the format asked (a stranger learns nothing from a 400). The file is named after the link's code (and sub-id, when it has one),
 * which are both limited to URL- and file-name-safe characters.
 */
export async function linkQrImage(
  db: Executor,
  caller: { partnerIds: readonly string[] },
  linkId: string,
  /** `?format=` as asked; read only once the link is known to be the caller's */
  requestedFormat: string | null,
  origin: string,
): Promise<QrImage> {
  const link = await findLinkOfPartners(db, caller.partnerIds, linkId);
  if (!link) throw new AppError('not_found', 'Not found.');
  const format = parseQrFormat(requestedFormat);
  const url = trackedLinkUrl(origin, link.code);
  const base = link.subId ? `qr-${link.code}-${link.subId}` : `qr-${link.code}`;
  return {
    body: await renderQr(url, format),
    contentType: format === 'svg' ? 'image/svg+xml' : 'image/png',
    fileName: `${base}.${format}`,
    url,
  };
}
