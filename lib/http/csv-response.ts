import 'server-only';

// A CSV download as a pull-based stream: the next chunk (one page of rows, one keyset query) is
// produced only when the client has taken the previous one, so memory stays flat for any row count
// and a slow client slows the queries down instead of filling a buffer.

export interface CsvDownload {
  filename: string;
  chunks: AsyncIterable<string>;
  /** extra response headers (e.g. X-Left-Out of the bulk-payment files) */
  headers?: Record<string, string>;
}

export function csvResponse({ filename, chunks, headers = {} }: CsvDownload): Response {
  const encoder = new TextEncoder();
  const source = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await source.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          // the status line is gone already: abort the download so it cannot pass for a whole file
          console.error(`[export] ${filename} failed while streaming`, err);
          controller.error(err);
        }
      },
      async cancel() {
        // the client went away: end the generator so it runs no further page queries
        await source.return?.(undefined);
      },
    },
    // nothing is read ahead of the client
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${safeFilename(filename)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  });
}

/** Letters, digits, dot, dash and underscore only: a file name that needs no escaping anywhere. */
function safeFilename(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'export.csv';
}

/** "<workspace>-<what>-<yyyy-mm-dd>.csv" (the date in UTC, like every time in the file). */
export function csvFilename(workspaceSlug: string, what: string, at: Date): string {
  return safeFilename(`${workspaceSlug}-${what}-${at.toISOString().slice(0, 10)}.csv`);
}
