import 'server-only';
import { randomInt } from 'node:crypto';
import type { Database } from '../../db/client';
import { findEnrollmentOfPartners } from '../../db/queries/partners';
import { findEnrollmentForLink, findTrackedLink, insertLink, listLinksWithOwnersOfWorkspace, updateLinkDisabled, type TrackedLinkRow } from '../../db/queries/tracked-links';
import { AppError } from '../errors';
import { isLinkCode } from '../tracking/ids';
import { cacheLink, type CachedLink } from '../tracking/link-cache';
import { writeRedis } from '../tracking/redis';
import { slugify } from './slug';
import { checkDestination, destinationIsAllowed } from './link-destinations';

export interface NewLink {
  partnerId: string;
  programId: string;
  /** chosen by the partner; generated (readable, from the partner's name) when absent */
  code?: string;
  destinationUrl: string;
  /** the partner's own campaign label; stats group by it (see SUB_ID_RULE) */
  subId?: string;
}

/**
 * Sub-ids are labels partners read back in their stats and may pass to their own tools, so they
 * are kept to characters that survive URLs, spreadsheets and file names unchanged. Stored as typed
 * (case kept): "Newsletter" and "newsletter" are two labels, as the partner wrote them.
 */
const SUB_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const SUB_ID_RULE = '1–64 letters, digits, dashes, underscores or dots';

/** The sub-id as stored: undefined or blank means none; anything else must follow SUB_ID_RULE. */
export function parseSubId(value: string | undefined): string | null {
  const subId = value?.trim() ?? '';
  if (subId === '') return null;
  if (!SUB_ID.test(subId)) throw new AppError('invalid_input', `A sub-id is ${SUB_ID_RULE}.`, { subId: `use ${SUB_ID_RULE}` });
  return subId;
}

const GENERATED_ATTEMPTS = 8;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i: codes get read aloud and retyped

function generatedCode(partnerName: string): string {
  const base = slugify(partnerName).slice(0, 24).replace(/-+$/, '') || 'link';
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `${base}-${suffix}`;
}

/**
 * A tracked link for an approved enrollment, pointing at one of the workspace's allowed hosts
 * (no open redirects; an empty list allows nothing). Written to Postgres, then to the edge cache;
 * if the cache write fails the first visit refills it from Postgres, so creation still succeeds.
 */
export async function createLink(db: Database, workspaceId: string, input: NewLink): Promise<{ id: string; code: string; destinationUrl: string; subId: string | null }> {
  const enrollment = await findEnrollmentForLink(db, workspaceId, input.partnerId, input.programId);
  if (!enrollment) throw new AppError('not_found', 'No such enrollment in this workspace.');
  if (enrollment.status !== 'approved' || enrollment.programStatus !== 'active') {
    throw new AppError('forbidden', 'Links can be created only for approved enrollments in active programs.');
  }
  const destinationUrl = checkDestination(input.destinationUrl, enrollment.allowedDomains);
  const subId = parseSubId(input.subId);
  const values = { workspaceId, partnerId: input.partnerId, programId: input.programId, destinationUrl, subId };

  let created: { id: string; code: string } | undefined;
  if (input.code !== undefined) {
    const code = input.code.trim().toLowerCase();
    if (code.length < 3 || !isLinkCode(code)) {
      throw new AppError('invalid_input', 'Choose a code of 3 to 64 letters, digits and dashes.', { code: 'use 3–64 letters, digits and inner dashes' });
    }
    const row = await insertLink(db, { ...values, code });
    if (!row) throw new AppError('conflict', `The code "${code}" is taken.`, { code: 'is already taken' });
    created = { id: row.id, code };
  } else {
    for (let i = 0; i < GENERATED_ATTEMPTS && !created; i++) {
      const code = generatedCode(enrollment.partnerName);
      const row = await insertLink(db, { ...values, code });
      if (row) created = { id: row.id, code };
    }
    if (!created) throw new AppError('conflict', 'Could not find a free code; try again or choose one.');
  }
  await refreshLinkCache(db, workspaceId, created.id);
  return { ...created, destinationUrl, subId };
}

/**
 * A partner creates a link in one of its own enrollments. The enrollment must belong to one of the
 * caller's partner records: any other id is "not found", whoever owns it; createLink then checks
 * that it is approved in an active program.
 */
export async function createPartnerLink(
  db: Database,
  caller: { partnerIds: string[] },
  input: { enrollmentId: string; destinationUrl: string; code?: string; subId?: string },
): Promise<{ id: string; code: string; destinationUrl: string; subId: string | null }> {
  const enrollment = await findEnrollmentOfPartners(db, caller.partnerIds, input.enrollmentId);
  if (!enrollment) throw new AppError('not_found', 'Program not found.', { enrollmentId: 'not found' });
  return createLink(db, enrollment.workspaceId, {
    partnerId: enrollment.partnerId, programId: enrollment.programId, destinationUrl: input.destinationUrl, code: input.code, subId: input.subId,
  });
}

/** Switches a link off (or on again); the edge stops redirecting within its memory cache's few seconds. */
export async function setLinkDisabled(db: Database, workspaceId: string, linkId: string, disabled: boolean): Promise<void> {
  if (!(await updateLinkDisabled(db, workspaceId, linkId, disabled))) throw new AppError('not_found', 'No such link.');
  await refreshLinkCache(db, workspaceId, linkId);
}

export function cachedLinkOf(row: TrackedLinkRow): CachedLink {
  return {
    workspaceId: row.workspaceId, linkId: row.id, partnerId: row.partnerId, programId: row.programId,
    destination: row.destinationUrl, disabled: row.disabled, windowDays: row.windowDays,
    destinationAllowed: destinationIsAllowed(row.destinationUrl, row.allowedDomains),
  };
}

/**
 * The workspace's links whose destination is outside its allowed hosts now: they show the "link
 * not available" page until the host is allowed again or the partner makes a new link. Filtered
 * here rather than in SQL so the one rule (destinationIsAllowed) decides, as it does at the edge.
 */
export async function linksOutsideAllowedDomains(db: Database, workspaceId: string, allowedDomains: readonly string[]) {
  const all = await listLinksWithOwnersOfWorkspace(db, workspaceId);
  return all.filter((l) => !destinationIsAllowed(l.destinationUrl, allowedDomains));
}

/**
 * Writes the link's current state to Redis. A failure is logged, not thrown: the row is already
 * committed, and the cached copy expires within LINK_TTL_SECONDS, after which Postgres refills it.
 */
export async function refreshLinkCache(db: Database, workspaceId: string, linkId: string): Promise<void> {
  const row = await findTrackedLink(db, workspaceId, linkId);
  if (!row) return;
  try {
    await cacheLink(writeRedis(), row.code, cachedLinkOf(row));
  } catch (err) {
    console.error(`[links] could not write link ${row.code} to Redis; the edge refills it from Postgres on a miss or within the cache TTL`, err);
  }
}
