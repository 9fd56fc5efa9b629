import { z } from 'zod';
import { isTimeZone } from '../time';

export const timeZoneSchema = z.object({
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, 'must be UTC or an IANA time zone such as Europe/Berlin'),
});
