import type { Json } from '../engine';
import { modelWords, refusalWords, signalWords } from './domain-words';
import type { ExplainContext, ExplainSection, JsonObject, Line } from './types';
import { cap, day, list, nameOf, obj, share, str, when } from './words';

/** "bound by hand on 3 Mar 2026 by owner@demo.test: “signed at the trade fair”" */
export function manualBindingWords(boundAt: Json | undefined, manual: JsonObject | undefined): string {
  const by = str(manual?.boundBy);
  const reason = str(manual?.reason);
  return `bound by hand on ${day(boundAt)}${by ? ` by ${by}` : ''}${reason ? `: “${reason}”` : ''}`;
}

function sharesLines(shares: JsonObject[], ctx: ExplainContext): Line[] {
  return shares.map((s) => ({ text: cap(`${nameOf(ctx, s.partnerId, 'partner')}: ${share(s.share)} of the credit.`), tone: 'good' as const }));
}

/**
 * §4.1–4.3 in words: how the program decided who gets credit for this event. A bound customer keeps
 * its binding (a manual one with its reason); otherwise every signal considered is listed, the
 * refused ones with the reason, then the model and the resulting shares.
 */
export function explainAttribution(attribution: JsonObject | undefined, ctx: ExplainContext, programName: string): ExplainSection | null {
  if (!attribution) return null;
  const lines: Line[] = [];
  if (str(attribution.source) === 'binding') {
    const manual = obj(attribution.manual);
    lines.push({
      text:
        str(attribution.bindingSource) === 'manual'
          ? `The customer was ${manualBindingWords(attribution.boundAt, manual)}. Its binding decides the credit; touches are not looked at again.`
          : `The customer was already bound to ${programName} on ${day(attribution.boundAt)} by the attribution of an earlier event, so that binding’s shares apply and nothing is re-attributed.`,
    });
    lines.push(...sharesLines(list(attribution.shares), ctx));
    for (const u of list(attribution.unpaid)) {
      lines.push({ text: cap(`${nameOf(ctx, u.partnerId, 'partner')} keeps a share of the binding but is not paid it on this event: ${refusalWords(u.reason)}.`), tone: 'refused' });
    }
    return { key: 'attribution', title: 'Attribution: who gets credit', lines };
  }

  const touches = list(attribution.touches);
  const refused = list(attribution.refused);
  if (touches.length === 0 && refused.length === 0) lines.push({ text: 'The event carried no signal for this program, and the customer had no click, code or deal registration that could count.', tone: 'muted' });
  for (const t of touches) {
    lines.push({ text: `${signalWords(t.kind, t.ref)} by ${nameOf(ctx, t.partnerId, 'partner')} at ${when(t.at)}: counted.` });
  }
  for (const r of refused) {
    const who = r.partnerId ? ` by ${nameOf(ctx, r.partnerId, 'partner')}` : '';
    lines.push({ text: `${signalWords(r.kind, r.ref)}${who}: not counted, ${refusalWords(r.reason)}.`, tone: 'refused' });
  }
  const source = str(attribution.source);
  if (source === 'none') {
    lines.push({ text: `No partner is credited in ${programName} for this event.`, tone: 'muted' });
  } else {
    if (source === 'coupon_override') lines.push({ text: `Model: ${modelWords('coupon_override')}.` });
    else lines.push({ text: `Model: ${modelWords(attribution.model)}.` });
    lines.push(...sharesLines(list(attribution.shares), ctx));
    lines.push({ text: `This first credit binds the customer to ${programName}: later events reuse these shares.`, tone: 'muted' });
  }
  return { key: 'attribution', title: 'Attribution: who gets credit', lines };
}
