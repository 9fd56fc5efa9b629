/** Download links for a tracked link's QR code (the route names the file and checks ownership). */
export function QrDownloads({ linkId, code }: { linkId: string; code: string }) {
  const cls = 'rounded-md px-2 py-1 text-xs font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50';
  return (
    <span className="inline-flex shrink-0 items-center gap-1">
      <span className="text-xs text-slate-500">QR</span>
      <a href={`/p/links/${linkId}/qr?format=png`} download className={cls} aria-label={`QR code of ${code} as PNG`}>PNG</a>
      <a href={`/p/links/${linkId}/qr?format=svg`} download className={cls} aria-label={`QR code of ${code} as SVG`}>SVG</a>
    </span>
  );
}
