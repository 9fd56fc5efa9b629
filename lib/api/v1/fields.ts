import { z } from 'zod';

// Field schemas every resource module writes the same way: the `{id}` path parameter, an ISO time
// and a decimal amount, each with the description the document shows beside it.

/** The `{id}` of a path: a UUID (a malformed one is a 400 naming `id`; an unknown one the handler's 404). */
export const idParams = (description: string) => z.object({ id: z.uuid().meta({ description }) });

/** A time in an answer: ISO 8601 in UTC. */
export const isoTime = (description: string) => z.string().meta({ description, example: '2026-01-05T10:00:00.000Z' });

/** An amount in an answer: a decimal string in the unit named beside it. */
export const money = (description: string) => z.string().meta({ description, example: '120.00' });
