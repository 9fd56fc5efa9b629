import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { scenarioFile, scenarioPlayer } from '../helpers/played-scenarios';
import { partnerRewardDetail, partnerRewardsPage } from '../../lib/server/portal-rewards';
import { partnerBonuses } from '../../lib/server/portal-bonuses';
import { ATTRIBUTION_MODELS, GROUP_STRATEGIES, RULE_TYPES } from '../../lib/domain/programs';
import { partners } from '../../db/schema';

// Every portal word of every scenario, read as each of its partners: no engine vocabulary, and
// nothing that names another partner (its name, id, email, link or coupon code) or shows a
// customer's whole email. Partners get distinctive names first, so a name that slipped through
// the page's reads would be found.

const played = scenarioPlayer();
const files = readdirSync(resolve(import.meta.dirname, '../scenarios')).filter((f) => f.endsWith('.json')).sort();

const ENGINE_WORDS: RegExp[] = [
  // the domain's codes, and the ones that are jargon also with spaces ("last touch", "one time share")
  ...[...RULE_TYPES, ...ATTRIBUTION_MODELS, ...GROUP_STRATEGIES, 'coupon_override'].filter((w) => w.includes('_')).map((w) => new RegExp(w)),
  ...[...ATTRIBUTION_MODELS, ...GROUP_STRATEGIES, 'coupon_override', 'one_time_share', 'recurring_share'].map((w) => new RegExp(w.replaceAll('_', '[ -]'), 'i')),
  /\b[a-z]+_[a-z_]+\b/, // any snake_case code (reasons, methods, sources)
  /largest[ -]remainder/i, /half-up/i, /program rule/i, /rule #|rule \d/i, /\bshare \d\b/i, /\btouch(es)?\b/i, /\bsignals?\b/i,
  /\bbinding\b|\bbound\b/i, /attribution/i, /\bclawback\b|\breversal\b/i, /\bentry\b|\bledger\b/i, /\bmetric\b/i,
  /clk_step|\bclick id\b/i, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/, /undefined|\bnull\b|NaN|\[object|an unknown/i, /\d\/\d+ \(about/, // an engine fraction
];

describe('portal words of every scenario', () => {
  it.each(files)('%s', async (file) => {
    const run = await played(file);
    const s = scenarioFile(file);
    const nameOf = (key: string) => `Zed${key.replace(/[^a-z0-9]/gi, '')}Partnername`;
    for (const [key, id] of run.ids.partners) await run.db.update(partners).set({ name: nameOf(key) }).where(eq(partners.id, id));
    const lastStep = new Date(s.steps[s.steps.length - 1].at);
    const readAt = new Date(lastStep.getTime() + 86_400_000);
    const customerEmails = s.steps.flatMap((st) => [st.order?.email, st.milestone?.email]).filter((e): e is string => Boolean(e));

    let read = 0;
    for (const partner of s.partners) {
      const partnerId = run.ids.partners.get(partner.key)!;
      const page = await partnerRewardsPage(run.db, [partnerId], { page: 1, pageSize: 500, sort: 'createdAt', dir: 'asc' });
      const words: string[] = [];
      for (const row of page.rows) {
        const detail = (await partnerRewardDetail(run.db, [partnerId], row.id))!;
        words.push(row.headline, detail.headline, ...detail.sections.flatMap((sec) => [sec.title, ...sec.lines.map((l) => l.text)]));
        // a linked entry is the partner's own
        for (const line of detail.sections.flatMap((sec) => sec.lines)) if (line.entryId) expect(await partnerRewardDetail(run.db, [partnerId], line.entryId)).toBeDefined();
      }
      for (const pool of await partnerBonuses(run.db, [{ id: partnerId, workspaceId: run.ids.workspaceId }], readAt)) {
        words.push(pool.current?.sentence ?? '', ...pool.history.map((h) => h.sentence));
      }
      read += words.length;
      const all = words.join('\n');
      for (const pattern of ENGINE_WORDS) expect(all, `${partner.key}: ${pattern}`).not.toMatch(pattern);
      for (const other of s.partners.filter((p) => p.key !== partner.key)) {
        const otherId = run.ids.partners.get(other.key)!;
        for (const secret of [nameOf(other.key), otherId, other.email, ...(other.links ?? []).map((l) => l.code), ...(other.coupons ?? []).map((c) => c.code)]) {
          expect(all.toLowerCase(), `${partner.key} sees ${other.key}'s ${secret}`).not.toContain(secret.toLowerCase());
        }
      }
      for (const email of customerEmails) expect(all.toLowerCase()).not.toContain(email.toLowerCase());
    }
    // the scan read something: every scenario pays or refuses someone
    expect(read).toBeGreaterThan(0);
  });
});
