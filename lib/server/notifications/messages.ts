import { formatAmount, type UnitPrecision } from '../../format';
import { formatDate } from '../../time';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../domain/notifications';

// The notification emails in plain words. Pure: the same row and context always give the same
// message (tests/unit/notification-messages.test.ts), built when the email is sent from the facts
// queued with the change. Payloads are read defensively: a row is jsonb, and a missing fact makes a
// vaguer sentence, never a crash that would keep the email from going out.

export interface MessageContext {
  partnerName: string;
  workspaceName: string;
  workspaceSlug: string;
  /** the merchant's zone: dates in emails read as on its pages */
  timeZone: string;
  /** the app's public origin, without a trailing slash */
  origin: string;
  /** the merchant's custom units, for their precision */
  units: readonly UnitPrecision[];
}

export interface NotificationMessage {
  subject: string;
  text: string;
}

type Payload = Record<string, unknown>;

const text = (p: Payload, key: string): string | null => (typeof p[key] === 'string' && (p[key] as string).trim() !== '' ? (p[key] as string) : null);
const quote = (s: string) => `“${s}”`;

/** A portal page of this merchant: the slug picks the merchant for a partner of several. */
const portalLink = (ctx: MessageContext, path: string) => `${ctx.origin}${path}?workspace=${encodeURIComponent(ctx.workspaceSlug)}`;

/** "1,234.50 USD" at the unit's precision; null when the row lacks the amount or the unit. */
function money(p: Payload, ctx: MessageContext): string | null {
  const amount = text(p, 'amount');
  const unit = text(p, 'unit');
  return amount && unit ? formatAmount(amount, unit, { units: ctx.units }) : null;
}

const day = (p: Payload, key: string, ctx: MessageContext) => (text(p, key) ? formatDate(text(p, key)!, ctx.timeZone) : null);

/** Greeting, body paragraphs, and the footer that says why the email came and how to stop it. */
function letter(ctx: MessageContext, paragraphs: (string | null)[]): string {
  return [
    `Hello ${ctx.partnerName},`,
    ...paragraphs.filter((x): x is string => x !== null),
    `— ${ctx.workspaceName}, via PartnerLedger`,
    `You get this email as a partner of ${ctx.workspaceName}. Choose which emails you want: ${portalLink(ctx, '/p/profile')}`,
  ].join('\n\n');
}

function applicationDecided(p: Payload, ctx: MessageContext): NotificationMessage {
  const program = text(p, 'programName') ?? 'a program';
  const reason = text(p, 'reason');
  if (p.decision === 'approved') {
    return {
      subject: `You are approved for ${program} at ${ctx.workspaceName}`,
      text: letter(ctx, [
        `${ctx.workspaceName} approved your application to ${program}. You can now create your links and start earning rewards.`,
        reason ? `Their note: ${quote(reason)}` : null,
        `Your dashboard: ${portalLink(ctx, '/p')}`,
      ]),
    };
  }
  return {
    subject: `Your application to ${program} at ${ctx.workspaceName} was not approved`,
    text: letter(ctx, [
      `${ctx.workspaceName} did not approve your application to ${program}.`,
      reason ? `Their reason: ${quote(reason)}` : 'They gave no reason.',
      `Your applications: ${portalLink(ctx, '/p')}`,
    ]),
  };
}

function rewardPayable(p: Payload, ctx: MessageContext): NotificationMessage {
  const amounts = (Array.isArray(p.amounts) ? p.amounts : [])
    .filter((a): a is Payload => typeof a === 'object' && a !== null)
    .map((a) => money(a, ctx))
    .filter((a): a is string => a !== null);
  const since = day(p, 'since', ctx);
  const sinceWords = since ? ` since ${since}` : '';
  const subject = amounts.length === 1 ? `${amounts[0]} is now payable to you by ${ctx.workspaceName}` : `Rewards from ${ctx.workspaceName} are now payable`;
  const summary =
    amounts.length === 0
      ? `Some of your rewards became payable${sinceWords}.`
      : amounts.length === 1
        ? `${amounts[0]} of your rewards became payable${sinceWords}.`
        : `Rewards became payable${sinceWords}:\n${amounts.map((a) => `- ${a}`).join('\n')}`;
  return {
    subject,
    text: letter(ctx, [
      summary,
      `${ctx.workspaceName} pays payable rewards with its next payout. Make sure your payout details are up to date: ${portalLink(ctx, '/p/profile')}`,
      `Your earnings: ${portalLink(ctx, '/p/earnings')}`,
    ]),
  };
}

function payoutSent(p: Payload, ctx: MessageContext): NotificationMessage {
  const amount = money(p, ctx);
  const reference = text(p, 'reference');
  const on = day(p, 'at', ctx);
  return {
    subject: amount ? `${ctx.workspaceName} sent you ${amount}` : `${ctx.workspaceName} sent your payout`,
    text: letter(ctx, [
      `${ctx.workspaceName} paid your payout${amount ? ` of ${amount}` : ''}${on ? ` on ${on}` : ''}${reference ? ` (transfer reference ${reference})` : ''}. Depending on the payment method, it can take a few days to reach your account.`,
      `Your payouts: ${portalLink(ctx, '/p/payouts')}`,
    ]),
  };
}

function payoutFailed(p: Payload, ctx: MessageContext): NotificationMessage {
  const amount = money(p, ctx);
  const reason = text(p, 'reason');
  const payout = `your payout${amount ? ` of ${amount}` : ''}`;
  return {
    subject: `Your payout${amount ? ` of ${amount}` : ''} from ${ctx.workspaceName} failed`,
    text: letter(ctx, [
      `${ctx.workspaceName} could not pay ${payout}.${reason ? ` The reason given: ${quote(reason)}.` : ''}`,
      `Nothing is lost: the money is payable to you again and goes out with a later payout. If your payout details are wrong or missing, fix them here: ${portalLink(ctx, '/p/profile')}`,
    ]),
  };
}

function dealDecided(p: Payload, ctx: MessageContext): NotificationMessage {
  const prospect = text(p, 'prospectName') ?? 'your prospect';
  const program = text(p, 'programName');
  const inProgram = program ? ` in ${program}` : '';
  if (p.decision === 'approved') {
    return {
      subject: `Your deal registration for ${prospect} was approved`,
      text: letter(ctx, [
        `${ctx.workspaceName} approved your deal registration for ${prospect}${inProgram}. Orders from this prospect while the registration lasts count for you, from the day you registered it.`,
        `Your deals: ${portalLink(ctx, '/p/deals')}`,
      ]),
    };
  }
  return {
    subject: `Your deal registration for ${prospect} was not approved`,
    text: letter(ctx, [`${ctx.workspaceName} did not approve your deal registration for ${prospect}${inProgram}.`, `Your deals: ${portalLink(ctx, '/p/deals')}`]),
  };
}

const BUILDERS: Record<NotificationKind, (p: Payload, ctx: MessageContext) => NotificationMessage> = {
  application_decided: applicationDecided,
  reward_payable: rewardPayable,
  payout_sent: payoutSent,
  payout_failed: payoutFailed,
  deal_decided: dealDecided,
};

export const isNotificationKind = (kind: string): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind);

/** The email for one queued row; null for a kind this version does not know (the sender marks it failed). */
export function notificationMessage(kind: string, payload: unknown, ctx: MessageContext): NotificationMessage | null {
  if (!isNotificationKind(kind)) return null;
  const p = typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Payload) : {};
  return BUILDERS[kind](p, ctx);
}

/** Each kind as the profile's checkbox says it. */
export const NOTIFICATION_KIND_WORDS: Record<NotificationKind, { label: string; hint: string }> = {
  application_decided: { label: 'My applications are decided', hint: 'When the merchant approves or rejects an application, with its reason.' },
  reward_payable: { label: 'Rewards become payable', hint: 'At most one summary a day, with the amounts per currency or unit.' },
  payout_sent: { label: 'A payout is sent', hint: 'When the merchant marks a payout paid, with the transfer reference.' },
  payout_failed: { label: 'A payout fails', hint: 'With the reason, and a link to fix your payout details.' },
  deal_decided: { label: 'My deal registrations are decided', hint: 'When the merchant approves or rejects a deal registration.' },
};
