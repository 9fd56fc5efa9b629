import { z } from 'zod';

// Cursor pagination, the same on every list: newest first, `limit` (1 to 100, default 20) and
// `starting_after` (the id of the last object of the previous page). The answer says whether there
// is more and gives the cursor for the next page. A cursor that is not an object of this list in
// this workspace is a 404 naming `starting_after`.

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'How many objects to return, 1 to 100.' }),
  starting_after: z.uuid().optional().meta({ description: 'The id of the last object of the previous page; this page starts after it.' }),
};

export interface PageRequest {
  limit: number;
  startingAfter: string | undefined;
}

export function pageRequestOf(query: { limit: number; starting_after?: string }): PageRequest {
  return { limit: query.limit, startingAfter: query.starting_after };
}

/** The list envelope for items of `item`. */
export function listOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      object: z.literal('list'),
      data: z.array(item),
      has_more: z.boolean().meta({ description: 'Whether another page follows.' }),
      next_cursor: z.string().nullable().meta({ description: 'Pass as `starting_after` for the next page; null on the last page.' }),
    })
    .meta({ id });
}

/**
 * Turns `limit + 1` rows fetched newest first into a page: the extra row only says there is more.
 */
export function pageOf<R extends { id: string }, T>(rows: readonly R[], limit: number, render: (row: R) => T) {
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return { object: 'list' as const, data: page.map(render), has_more: hasMore, next_cursor: hasMore ? page[page.length - 1]!.id : null };
}
