import { pgTable, text, timestamp, uuid, jsonb, pgEnum, uniqueIndex, index, integer } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { users } from './auth';
import { partners } from './partners';
import { DELIVERY_STATUSES, SECRET_KINDS, type WebhookPayload, type WebhookTopic } from '../../lib/domain/integrations';
import { NOTIFICATION_STATUSES } from '../../lib/domain/notifications';
import { API_KEY_ACCESS } from '../../lib/domain/api-keys';
import type { Json } from '../../lib/engine';
import { recordedSeq } from './columns';

export const apiKeyAccess = pgEnum('api_key_access', API_KEY_ACCESS);

// API keys are shown once and stored as SHA-256: a leaked table cannot call the API.
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // first characters of the key, to tell keys apart in the UI
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    access: apiKeyAccess('access').notNull().default('read'),
    // who made it (kept when they leave: the key belongs to the workspace, not to the person)
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash), index('api_keys_workspace_idx').on(t.workspaceId)],
);

export const secretKind = pgEnum('secret_kind', SECRET_KINDS);

// Signing secrets must be usable for HMAC, so they are encrypted (AES-256-GCM with a key
// derived from APP_ENCRYPTION_KEY), not hashed.
export const webhookSecrets = pgTable(
  'webhook_secrets',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: secretKind('kind').notNull(),
    secretEncrypted: text('secret_encrypted').notNull(),
    // outbound: where to deliver
    url: text('url'),
    // outbound: failed attempts since the last success; at 20 the endpoint is disabled
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('webhook_secrets_workspace_kind_uq').on(t.workspaceId, t.kind)],
);

export const deliveryStatus = pgEnum('delivery_status', DELIVERY_STATUSES);

// Outbound webhook queue and delivery log in one table.
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    topic: text('topic').$type<WebhookTopic>().notNull(),
    payload: jsonb('payload').$type<WebhookPayload>().notNull(),
    status: deliveryStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    // the receiver's HTTP status on the last attempt (null: no answer)
    lastStatusCode: integer('last_status_code'),
    // a manual re-send is a new delivery pointing at the one it repeats
    resentFromId: uuid('resent_from_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // the delivery worker picks due rows; settings shows the log newest first
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt), index('webhook_deliveries_workspace_idx').on(t.workspaceId, t.createdAt)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    // set when the change came through the REST API: the key that made it
    actorApiKeyId: uuid('actor_api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    data: jsonb('data').$type<{ [key: string]: Json }>().notNull().default({}),
    // the subject as it was before the change and after it (null for creations and deletions)
    before: jsonb('before').$type<Json>(),
    after: jsonb('after').$type<Json>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    // keyset order for equal times (page and CSV)
    seq: recordedSeq(),
  },
  (t) => [
    // settings > audit log, newest first
    index('audit_log_workspace_time_idx').on(t.workspaceId, t.at),
    // "who bound this customer", "history of this program"
    index('audit_log_workspace_subject_idx').on(t.workspaceId, t.subjectType, t.subjectId),
  ],
);

export const notificationStatus = pgEnum('notification_status', NOTIFICATION_STATUSES);

// Partner notification emails: an outbox written in the transaction of the change that causes
// them (like webhook deliveries), sent by the send-notifications job after the commit. The dedupe
// key makes each message exist once however often the change is replayed; the job claims rows with
// FOR UPDATE SKIP LOCKED so two runs at once never send one twice.
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    payload: jsonb('payload').$type<{ [key: string]: Json }>().notNull().default({}),
    status: notificationStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_workspace_dedupe_uq').on(t.workspaceId, t.dedupeKey),
    // the sender picks due rows
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

// Idempotency-Key on the REST API's POSTs: the first request with a key claims the row (the unique
// index decides between concurrent ones), runs, and stores its answer; a repeat with the same
// request replays those bytes, with another request it is a 409. Rows older than 24 hours no
// longer count and are replaced.
export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    // SHA-256 of method, path and body: "the same request"
    requestHash: text('request_hash').notNull(),
    // null while the first request is still running
    statusCode: integer('status_code'),
    responseBody: text('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('api_idempotency_workspace_key_uq').on(t.workspaceId, t.idempotencyKey), index('api_idempotency_created_idx').on(t.createdAt)],
);
