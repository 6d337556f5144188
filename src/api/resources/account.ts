import { type Static, Type } from '@sinclair/typebox';
import { MEMBER_ROLES } from '../../domain/enums.js';
import type { AdAccount, Member } from '../../domain/model.js';
import { toRfc3339 } from '../../domain/time.js';
import type { AuditEntry } from '../../store/repos/audit.js';
import { NOTIFICATION_TYPES, type Notification } from '../../store/repos/notifications.js';
import type { ApiTokenRecord } from '../../store/repos/tokens.js';
import { enumOf, Nullable, Timestamp } from '../schemas.js';

export const AdAccountCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, examples: ['Acme Shoes FR'] }),
    currency: Type.String({
      pattern: '^[A-Z]{3}$',
      examples: ['EUR'],
      errorMessage: 'must be an ISO 4217 code such as EUR',
    }),
    time_zone: Type.String({
      minLength: 1,
      maxLength: 64,
      examples: ['Europe/Paris'],
      description: 'IANA time zone for schedules, daily budgets and reports.',
    }),
  },
  { additionalProperties: false },
);

export const AdAccountSchema = Type.Object({
  id: Type.String({ examples: ['acc_01JDXK4Q0Z8N7W6V5T4S3R2Q1P'] }),
  name: Type.String(),
  currency: Type.String(),
  time_zone: Type.String(),
  created_at: Timestamp,
});

export function presentAdAccount(a: AdAccount): Static<typeof AdAccountSchema> {
  return {
    id: a.id,
    name: a.name,
    currency: a.currency,
    time_zone: a.timeZone,
    created_at: toRfc3339(a.createdAt),
  };
}

export const MemberCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, examples: ['Maya (media buyer)'] }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    role: enumOf(MEMBER_ROLES, { description: 'ADMIN can change the account; ANALYST can only read.' }),
  },
  { additionalProperties: false },
);

export const MemberSchema = Type.Object({
  id: Type.String(),
  ad_account_id: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  role: enumOf(MEMBER_ROLES),
  created_at: Timestamp,
});

export function presentMember(m: Member): Static<typeof MemberSchema> {
  return {
    id: m.id,
    ad_account_id: m.adAccountId,
    name: m.name,
    email: m.email,
    role: m.role,
    created_at: toRfc3339(m.createdAt),
  };
}

export const TokenSchema = Type.Object({
  id: Type.String({ examples: ['tok_01JDXK4Q0Z8N7W6V5T4S3R2Q1P'] }),
  kind: enumOf(['platform', 'creator', 'advertiser'] as const),
  label: Nullable(Type.String()),
  creator_id: Nullable(Type.String()),
  ad_account_id: Nullable(Type.String()),
  member_id: Nullable(Type.String()),
  role: Nullable(enumOf(MEMBER_ROLES)),
  created_at: Timestamp,
  last_used_at: Nullable(Timestamp),
  revoked_at: Nullable(Timestamp),
});

export const IssuedTokenSchema = Type.Composite([
  TokenSchema,
  Type.Object({
    token: Type.String({
      description: 'The secret. Shown only in this response; store it now.',
      examples: ['kdc_3q2…'],
    }),
  }),
]);

export function presentToken(t: ApiTokenRecord): Static<typeof TokenSchema> {
  return {
    id: t.id,
    kind: t.kind,
    label: t.label,
    creator_id: t.creatorId,
    ad_account_id: t.adAccountId,
    member_id: t.memberId,
    role: t.role,
    created_at: toRfc3339(t.createdAt),
    last_used_at: t.lastUsedAt === null ? null : toRfc3339(t.lastUsedAt),
    revoked_at: t.revokedAt === null ? null : toRfc3339(t.revokedAt),
  };
}

export const NotificationSchema = Type.Object({
  id: Type.String(),
  type: enumOf(NOTIFICATION_TYPES),
  title: Type.String(),
  body: Type.String(),
  authorization_id: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
  created_at: Timestamp,
  read_at: Nullable(Timestamp),
});

export function presentNotification(n: Notification): Static<typeof NotificationSchema> {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    authorization_id: n.authorizationId,
    data: n.data,
    created_at: toRfc3339(n.createdAt),
    read_at: n.readAt === null ? null : toRfc3339(n.readAt),
  };
}

export const AuditSchema = Type.Object({
  id: Type.String(),
  occurred_at: Timestamp,
  actor: Type.Object({
    kind: enumOf(['platform', 'creator', 'advertiser', 'system'] as const),
    id: Nullable(Type.String()),
  }),
  action: Type.String({ examples: ['authorization.revoke'] }),
  entity_type: Type.String(),
  entity_id: Type.String(),
  changes: Nullable(
    Type.Record(Type.String(), Type.Array(Type.Unknown(), { minItems: 2, maxItems: 2 }), {
      description: 'field → [before, after]',
    }),
  ),
});

export function presentAudit(e: AuditEntry): Static<typeof AuditSchema> {
  return {
    id: e.id,
    occurred_at: toRfc3339(e.occurredAt),
    actor: e.actor,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    changes: e.changes,
  };
}
