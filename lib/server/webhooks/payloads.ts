import 'server-only';

// The `data` of the webhook topics added with the REST API (issue 12), in the API's own words:
// snake_case fields, ids, ISO 8601 UTC times, money as decimal strings beside their unit. Each
// builder is called in the transaction that makes the change; docs/api.md documents every shape.
// (entry.created, payout.created and payout.paid keep their original camelCase bodies: receivers
// already parse them.)

const iso = (d: Date) => d.toISOString();

export interface EnrolledFacts {
  enrollment: { id: string; partnerId: string; programId: string; status: string; createdAt: Date };
  partner: { id: string; email: string; name: string };
  program: { id: string; name: string };
}

/** partner.enrolled: an enrollment was created (join page, console or API), pending or approved. */
export function partnerEnrolledData(f: EnrolledFacts) {
  return {
    enrollment: { id: f.enrollment.id, partner_id: f.enrollment.partnerId, program_id: f.enrollment.programId, status: f.enrollment.status, created_at: iso(f.enrollment.createdAt) },
    partner: { id: f.partner.id, email: f.partner.email, name: f.partner.name },
    program: { id: f.program.id, name: f.program.name },
  };
}

export interface DecidedFacts {
  id: string;
  partnerId: string;
  partnerName: string;
  programId: string;
  programName: string;
  status: string;
  previousStatus: string;
  reason: string | null;
  decidedAt: Date;
}

/** enrollment.decided: approved, rejected, suspended or reinstated (approved again). */
export function enrollmentDecidedData(f: DecidedFacts) {
  return {
    enrollment: {
      id: f.id, partner_id: f.partnerId, program_id: f.programId, status: f.status, previous_status: f.previousStatus, reason: f.reason, decided_at: iso(f.decidedAt),
    },
    partner: { id: f.partnerId, name: f.partnerName },
    program: { id: f.programId, name: f.programName },
  };
}

export interface DealFacts {
  id: string;
  partnerId: string;
  programId: string;
  status: 'pending' | 'approved' | 'rejected';
  matchType: string;
  matchValue: string;
  prospectName: string;
  registeredAt?: Date;
  expiresAt?: Date;
  decidedAt?: Date;
}

/** deal.registered and deal.decided: the registration as it now stands. */
export function dealData(f: DealFacts) {
  return {
    deal: {
      id: f.id, partner_id: f.partnerId, program_id: f.programId, status: f.status, match_type: f.matchType, match_value: f.matchValue, prospect_name: f.prospectName,
      ...(f.registeredAt ? { registered_at: iso(f.registeredAt) } : {}),
      ...(f.expiresAt ? { expires_at: iso(f.expiresAt) } : {}),
      ...(f.decidedAt ? { decided_at: iso(f.decidedAt) } : {}),
    },
  };
}

export interface ReversalFacts {
  entry: { id: string; kind: string; partnerId: string; programId: string | null; rule: string | null; amount: string; unit: string; reversesEntryId: string | null; orderId: string | null };
  refund: { eventId: string; orderId: string; amount: string; currency: string };
}

/** entry.reversed: a refund took back (part of) a reward; `clawback` when it was paid out already. */
export function entryReversedData(f: ReversalFacts) {
  return {
    entry: {
      id: f.entry.id, kind: f.entry.kind, partner_id: f.entry.partnerId, program_id: f.entry.programId, rule: f.entry.rule,
      amount: f.entry.amount, unit: f.entry.unit, reverses_entry_id: f.entry.reversesEntryId, order_id: f.entry.orderId,
    },
    refund: { event_id: f.refund.eventId, order_id: f.refund.orderId, amount: f.refund.amount, unit: f.refund.currency },
  };
}

export interface FailedPayoutFacts {
  id: string;
  batchId: string;
  batchReference: string;
  partnerId: string;
  amount: string;
  unit: string;
  reason: string;
  failedAt: Date;
}

/** payout.failed: the transfer failed; its entries are payable again. */
export function payoutFailedData(f: FailedPayoutFacts) {
  return {
    payout: {
      id: f.id, batch_id: f.batchId, batch_reference: f.batchReference, partner_id: f.partnerId, amount: f.amount, unit: f.unit,
      status: 'failed', failure_reason: f.reason, failed_at: iso(f.failedAt),
    },
  };
}
