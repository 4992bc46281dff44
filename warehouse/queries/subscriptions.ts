// The rows of subscriptions and of their delivery log. Who may subscribe to what, and what is sent, are decided
// in notify/; this module only reads and writes the tables.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import type { UserRow } from './accounts.ts';

export type SubscriptionItem = 'report' | 'digest_weekly' | 'digest_monthly' | 'alert';

export const alertTopics = ['new_flags', 'sla_below', 'satisfaction_below', 'backlog_older'] as const;
export type AlertTopic = (typeof alertTopics)[number];

/** An alert subscription's topic and thresholds (stored as JSON in subscriptions.alert). */
export interface AlertSettings {
  topic: AlertTopic;
  /** sla_below, satisfaction_below: the figure (0–1) below which the alert is sent. */
  threshold?: number;
  /** sla_below, satisfaction_below: the last N days the figure is read over; backlog_older: the age in days. */
  days?: number;
  /** sla_below: one SLA target (response, arrival, resolution), or all of them. */
  target?: string;
}

/** What an alert subscription has already told its recipient (subscriptions.alert_state). */
export interface AlertState {
  /** Whether the condition held at the last evaluation. */
  holding: boolean;
  /** Episodes of the condition so far (each is sent once). */
  episode: number;
  /** new_flags: the flags and early warnings already sent. */
  seen: string[];
}
export type Channel = 'email' | 'wecom' | 'dingtalk' | 'feishu';

export interface SubscriptionRow {
  subscription_id: number;
  user_id: number;
  username: string;
  item: SubscriptionItem;
  variant: string | null;
  lang: 'zh' | 'en';
  channel: Channel;
  robot: string | null;
  created_by: string;
  created_at: string;
  /** item alert: its topic and thresholds. */
  alert: AlertSettings | null;
}

export type NewSubscription = Pick<SubscriptionRow, 'user_id' | 'item' | 'variant' | 'lang' | 'channel' | 'robot' | 'created_by'> & {
  alert?: AlertSettings | null;
};

export async function insertSubscription(db: Warehouse, s: NewSubscription): Promise<number> {
  const r = await db.kysely
    .insertInto('subscriptions')
    .values({ ...s, alert: s.alert ? JSON.stringify(s.alert) : null, created_at: sql<Date>`now()` })
    .returning('subscription_id')
    .executeTakeFirstOrThrow();
  return Number(r.subscription_id);
}

const subscriptionQuery = (db: Warehouse) =>
  db.kysely
    .selectFrom('subscriptions as s')
    .innerJoin('users as u', 'u.user_id', 's.user_id')
    .select([
      's.subscription_id',
      's.user_id',
      'u.username',
      's.item',
      's.variant',
      's.lang',
      's.channel',
      's.robot',
      's.created_by',
      sql<string>`strftime(s.created_at, '%Y-%m-%d %H:%M')`.as('created_at'),
      's.alert',
    ])
    .orderBy('s.subscription_id');

const parsed = (r: Record<string, unknown>): SubscriptionRow =>
  ({ ...r, alert: typeof r.alert === 'string' ? JSON.parse(r.alert) : null }) as SubscriptionRow;

/** Every subscription, or a user's own. */
export const listSubscriptions = async (db: Warehouse, userId?: number): Promise<SubscriptionRow[]> =>
  (await (userId === undefined ? subscriptionQuery(db) : subscriptionQuery(db).where('s.user_id', '=', userId)).execute()).map(parsed);

export const findSubscription = async (db: Warehouse, id: number): Promise<SubscriptionRow | undefined> => {
  const r = await subscriptionQuery(db).where('s.subscription_id', '=', id).executeTakeFirst();
  return r && parsed(r);
};

/** The subscriptions to an item made before `before` (a subscription made later waits for the next one). */
export const subscriptionsTo = async (db: Warehouse, item: SubscriptionItem, before: Date): Promise<SubscriptionRow[]> =>
  (await subscriptionQuery(db).where('s.item', '=', item).where('s.created_at', '<=', before).execute()).map(parsed);

/** An alert subscription's state: nothing sent yet when it has none. */
export async function readAlertState(db: Warehouse, id: number): Promise<AlertState> {
  const r = await db.kysely.selectFrom('subscriptions').select('alert_state').where('subscription_id', '=', id).executeTakeFirst();
  return r?.alert_state ? (JSON.parse(r.alert_state) as AlertState) : { holding: false, episode: 0, seen: [] };
}

/** The item keys already planned for a subscription that start with `prefix` (sent, due, failed or skipped). */
export const plannedItemKeys = async (db: Warehouse, subscriptionId: number, prefix: string): Promise<string[]> =>
  (
    await db.kysely
      .selectFrom('deliveries')
      .select('item_key')
      .where('subscription_id', '=', subscriptionId)
      .where(sql<boolean>`starts_with(item_key, ${prefix})`)
      .execute()
  ).map((r) => r.item_key);

export async function writeAlertState(db: Warehouse, id: number, state: AlertState): Promise<void> {
  await db.kysely
    .updateTable('subscriptions')
    .set({ alert_state: JSON.stringify(state) })
    .where('subscription_id', '=', id)
    .execute();
}

export async function deleteSubscription(db: Warehouse, id: number): Promise<boolean> {
  const r = await db.kysely.deleteFrom('subscriptions').where('subscription_id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The account a subscription's messages are computed with, and its e-mail address. */
export const accountOf = async (db: Warehouse, userId: number): Promise<(UserRow & { email: string | null }) | undefined> =>
  (await db.kysely
    .selectFrom('users')
    .select(['user_id', 'username', 'role', 'regions', 'technician_id', 'email'])
    .where('user_id', '=', userId)
    .executeTakeFirst()) as (UserRow & { email: string | null }) | undefined;

export async function setUserEmail(db: Warehouse, userId: number, email: string | null): Promise<boolean> {
  const r = await db.kysely.updateTable('users').set({ email }).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface DeliveryRow {
  delivery_id: number;
  subscription_id: number;
  item_key: string;
  username: string;
  channel: Channel;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
}

/** A delivery to make, once: false when this subscription already has this item (sent, due or failed). */
export async function planDelivery(
  db: Warehouse,
  d: { subscription_id: number; item_key: string; username: string; channel: Channel; recipient: string },
  at: Date,
): Promise<boolean> {
  const r = await db.kysely
    .insertInto('deliveries')
    .values({ ...d, status: 'pending', next_attempt_at: at, created_at: sql<Date>`now()` })
    .onConflict((oc) => oc.columns(['subscription_id', 'item_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

const deliveryColumns = [
  'delivery_id',
  'subscription_id',
  'item_key',
  'username',
  'channel',
  'recipient',
  'status',
  'attempts',
  'last_error',
  sql<string>`strftime(next_attempt_at, '%Y-%m-%d %H:%M:%S')`.as('next_attempt_at'),
  sql<string>`strftime(created_at, '%Y-%m-%d %H:%M:%S')`.as('created_at'),
  sql<string | null>`strftime(sent_at, '%Y-%m-%d %H:%M:%S')`.as('sent_at'),
] as const;

/** Pending deliveries whose time has come, oldest first. */
export const dueDeliveries = async (db: Warehouse, now: Date): Promise<DeliveryRow[]> =>
  (await db.kysely
    .selectFrom('deliveries')
    .select(deliveryColumns)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('delivery_id')
    .execute()) as DeliveryRow[];

/** Newest first; optionally only one status. */
export const listDeliveries = async (db: Warehouse, limit: number, status?: DeliveryStatus): Promise<DeliveryRow[]> => {
  let q = db.kysely.selectFrom('deliveries').select(deliveryColumns).orderBy('delivery_id', 'desc').limit(limit);
  if (status) q = q.where('status', '=', status);
  return (await q.execute()) as DeliveryRow[];
};

/**
 * Takes a pending delivery for one attempt: status sending, one more attempt. False when it was no longer pending
 * (another round took it). Written before the message goes out, so a restart finds it and never sends it again.
 */
export async function startAttempt(db: Warehouse, id: number): Promise<boolean> {
  const r = await db.kysely
    .updateTable('deliveries')
    .set((e) => ({ status: 'sending', attempts: e('attempts', '+', 1) }))
    .where('delivery_id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function finishDelivery(
  db: Warehouse,
  id: number,
  f: { status: DeliveryStatus; error?: string | null; nextAttemptAt?: Date },
): Promise<void> {
  await db.kysely
    .updateTable('deliveries')
    .set({
      status: f.status,
      last_error: f.error ?? null,
      ...(f.nextAttemptAt ? { next_attempt_at: f.nextAttemptAt } : {}),
      ...(f.status === 'sent' ? { sent_at: sql<Date>`now()` } : {}),
    })
    .where('delivery_id', '=', id)
    .execute();
}

/** Moves a pending delivery to a later time (quiet hours), without counting an attempt. */
export async function postponeDelivery(db: Warehouse, id: number, at: Date): Promise<void> {
  await db.kysely
    .updateTable('deliveries')
    .set({ next_attempt_at: at })
    .where('delivery_id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Deliveries left in `sending` by a process that stopped mid-send: whether the message went out is unknown, so
 * they are marked failed rather than sent again (never twice; an admin sees them). Returns them.
 */
export async function failInterrupted(db: Warehouse, error: string): Promise<DeliveryRow[]> {
  const rows = (await db.kysely
    .selectFrom('deliveries')
    .select(deliveryColumns)
    .where('status', '=', 'sending')
    .execute()) as DeliveryRow[];
  if (rows.length)
    await db.kysely.updateTable('deliveries').set({ status: 'failed', last_error: error }).where('status', '=', 'sending').execute();
  return rows;
}
