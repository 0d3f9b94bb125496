import { createHash, createHmac, randomInt } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { Type, type Static } from 'typebox';
import { canWriteAt, systemActor } from '../../platform/actor.ts';
import { write, type ServiceCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, outOfScope, validationFailed } from '../../platform/errors.ts';
import { asGeoJson, GeoPointSchema, optionalPointSql } from '../../platform/geo.ts';
import type { Locale } from '../../platform/i18n.ts';
import { getResource, type ResourceDef } from '../../platform/query.ts';
import { dateCell, isoTime, nullable } from '../../platform/values.ts';
import { attachmentFile, getAttachment, sniffMime, uploadAttachment } from '../attachments/service.ts';
import { registerLabelsOnce } from './checks.ts';
import { CATEGORIES, getHazard, reportHazard, type Hazard } from './hazards.ts';
import { HAZARD_STATUS_LABELS, type HazardStatus } from './rules.ts';
import { pickLabel } from '../../platform/i18n.ts';

// Public reports (群众举报): anyone, without an account, reports what they see (anonymous or with a
// contact, a location, photos) and keeps a receipt code to look up the outcome. No CAPTCHA; abuse is
// held back by a per-address request limit (in memory, routes), a per-address daily cap and an
// installation-wide hourly cap (in the database, so restarts do not reset them), a honeypot field, a
// minimum description and refusal of the same text from the same address within an hour. The address
// itself is never stored: only an HMAC of it, cleared after 48 hours (and never in the audit log).
// Staff of the report's region triage it into a hazard (source 群众举报) or dismiss it with a reason
// that the reporter sees.

export const REPORT_LIMITS = {
  /** Requests per address per window (route rate limit, per process). */
  windowMax: 5,
  windowMinutes: 10,
  /** Accepted reports per address per 24 hours (database). */
  dailyPerAddress: 10,
  /** Accepted reports per hour for the whole installation (database): a flood cannot bury the staff. */
  hourlyTotal: 300,
  duplicateWindowMinutes: 60,
  minDescription: 10,
  photosPerReport: 3,
  photoBytes: 5 * 1024 * 1024,
  /** Photos are accepted for this long after the report, from the same address. */
  photoWindowMinutes: 60,
  addressHashHours: 48,
} as const;

registerLabelsOnce({
  locationText: ['位置描述', 'location'], website: ['网址', 'website'], reason: ['理由', 'reason'], receiptCode: ['回执码', 'receipt code'],
});

export const REPORT_STATUSES = ['new', 'triaged', 'dismissed'] as const;
export const REPORT_STATUS_LABELS: Record<string, [string, string]> = {
  new: ['已受理，待核查', 'Received, being checked'], triaged: ['已核实，转为隐患处理', 'Confirmed, handled as a hazard'], dismissed: ['已办结，不予立案', 'Closed without action'],
};
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RECEIPT_RE = /^[2-9A-HJKMNP-Z]{10}$/;

/** 10 characters from an alphabet without 0/O, 1/I/L, drawn with the CSPRNG (≈ 49 bits). */
export function newReceiptCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return s;
}

const keys = new WeakMap<Db, string>();
/** The key of the address hash: REPORT_IP_SECRET when configured, else the installation's own random key. */
async function addressKey(db: Db, configured: string | null | undefined): Promise<string> {
  if (configured) return configured;
  const hit = keys.get(db);
  if (hit) return hit;
  const { rows } = await db.query<{ secret: string }>('SELECT secret FROM public_report_key');
  keys.set(db, rows[0]!.secret);
  return rows[0]!.secret;
}

export const normaliseDescription = (s: string) => s.replace(/\s+/gu, ' ').trim();

export const PublicReportCreateSchema = Type.Object({
  description: Type.String({ minLength: REPORT_LIMITS.minDescription, maxLength: 2000, description: '问题描述（至少 10 个字）' }),
  locationText: Type.Optional(nullable(Type.String({ maxLength: 200, description: '位置描述' }))),
  location: Type.Optional(nullable(GeoPointSchema)),
  regionCode: Type.Optional(nullable(Type.String({ pattern: '^[0-9]{12}$', description: '所在乡镇（见 /public/reports/regions）' }))),
  contactName: Type.Optional(nullable(Type.String({ maxLength: 30 }))),
  contactPhone: Type.Optional(nullable(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }))),
  website: Type.Optional(Type.String({ maxLength: 200, description: '防机器人字段：界面中隐藏，必须留空' })),
}, { additionalProperties: false });
export type PublicReportCreate = Static<typeof PublicReportCreateSchema>;
export const ReceiptSchema = Type.Object({ receiptCode: Type.String(), createdAt: Type.String({ format: 'date-time' }) });

/** Request facts of an anonymous caller. */
export interface PublicCaller {
  db: Db;
  ip: string;
  locale: Locale;
  requestId?: string;
  /** REPORT_IP_SECRET, when configured. */
  addressSecret?: string | null;
}

/** The actor that public writes are audited under (no address is recorded for it). */
const publicCtx = (c: PublicCaller): ServiceCtx => ({ db: c.db, actor: systemActor('公众举报'), locale: c.locale, requestId: c.requestId });
const limited = (limit: string) => new AppError(429, 'rate_limited', {}, [], { limit });

async function reportRegion(db: Db, input: PublicReportCreate, en: boolean): Promise<string> {
  if (input.regionCode) {
    const { rows } = await db.query<{ code: string }>("SELECT code FROM region WHERE code = $1 AND level IN ('township','village')", [input.regionCode]);
    if (!rows[0]) throw validationFailed([{ path: 'regionCode', message: en ? 'choose a township from the list' : '请从列表中选择乡镇' }]);
    return rows[0].code;
  }
  const { rows } = await db.query<{ code: string }>(
    `SELECT code FROM region
      WHERE (parent_code IS NULL) OR ($1::float8 IS NOT NULL AND boundary IS NOT NULL AND ST_Contains(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326)))
      ORDER BY (parent_code IS NULL), length(path) DESC LIMIT 1`,
    [input.location?.coordinates[0] ?? null, input.location?.coordinates[1] ?? null]);
  return rows[0]!.code;
}

/** Accepts a public report after the abuse checks; answers the receipt code the reporter keeps. */
export async function submitPublicReport(caller: PublicCaller, input: PublicReportCreate): Promise<Static<typeof ReceiptSchema>> {
  const en = caller.locale === 'en-US';
  if (input.website && input.website.trim() !== '') throw validationFailed([{ path: 'website', message: en ? 'must be left empty' : '此项必须留空' }]);
  const description = normaliseDescription(input.description);
  if ([...description].length < REPORT_LIMITS.minDescription) {
    throw validationFailed([{ path: 'description', message: en ? `describe the problem in at least ${REPORT_LIMITS.minDescription} characters` : `问题描述至少 ${REPORT_LIMITS.minDescription} 个字` }]);
  }
  const ipHash = createHmac('sha256', await addressKey(caller.db, caller.addressSecret)).update(caller.ip).digest('hex');
  const descHash = createHash('sha256').update(description).digest('hex');
  const regionCode = await reportRegion(caller.db, input, en);
  const contactName = input.contactName?.trim() || null;
  const contactPhone = input.contactPhone?.trim() || null;
  return write(publicCtx(caller), async (tx, audit) => {
    // One submission per address at a time, so the counts below cannot be raced.
    await tx.query('SELECT pg_advisory_xact_lock(7301105, hashtext($1))', [ipHash]);
    await tx.query(`UPDATE public_report SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND created_at < now() - make_interval(hours => $1)`, [REPORT_LIMITS.addressHashHours]);
    const { rows: c } = await tx.query<{ daily: number; dup: number; total: number }>(
      `SELECT count(*) FILTER (WHERE ip_hash = $1)::int AS daily,
              count(*) FILTER (WHERE ip_hash = $1 AND description_hash = $2 AND created_at > now() - make_interval(mins => $3))::int AS dup,
              count(*) FILTER (WHERE created_at > now() - interval '1 hour')::int AS total
         FROM public_report WHERE created_at > now() - interval '24 hours'`, [ipHash, descHash, REPORT_LIMITS.duplicateWindowMinutes]);
    const n = c[0]!;
    if (n.dup > 0) throw new AppError(409, 'conflict', { detail: en ? 'the same report was sent from here within the hour; it is being handled' : '一小时内已提交过相同内容的举报，请勿重复提交，我们正在处理' });
    if (n.daily >= REPORT_LIMITS.dailyPerAddress) throw limited('daily');
    if (n.total >= REPORT_LIMITS.hourlyTotal) throw limited('total');
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newReceiptCode();
      const { rows } = await tx.query<{ id: string; created_at: Date }>(
        `INSERT INTO public_report (receipt_code, description, description_hash, location_text, location, region_code, contact_name, contact_phone, ip_hash)
         VALUES ($1,$2,$3,$4, ${optionalPointSql('$5', '$6')}, $7,$8,$9,$10)
         ON CONFLICT (receipt_code) DO NOTHING RETURNING id, created_at`,
        [code, description, descHash, input.locationText?.trim() || null, input.location?.coordinates[0] ?? null, input.location?.coordinates[1] ?? null,
          regionCode, contactName, contactPhone, ipHash]);
      if (!rows[0]) continue;
      // Personal data (contact, address) stays out of the append-only audit log.
      await audit({ action: 'create', entityType: 'public_report', entityId: rows[0].id, regionCode, summary: `收到群众举报 ${code}`,
        after: { receiptCode: code, regionCode, anonymous: !contactName && !contactPhone, located: !!input.location } });
      return { receiptCode: code, createdAt: isoTime(rows[0].created_at)! };
    }
    throw new Error('could not draw a free receipt code');
  });
}

export const PublicReportStatusSchema = Type.Object({
  receiptCode: Type.String(), status: Type.String({ enum: [...REPORT_STATUSES] }), statusLabel: Type.String(),
  submittedAt: Type.String({ format: 'date-time' }), handledAt: nullable(Type.String({ format: 'date-time' })),
  outcome: Type.String({ description: '处理结果（不含任何个人信息）' }), photos: Type.Integer(),
  hazard: nullable(Type.Object({ code: Type.String(), status: Type.String(), statusLabel: Type.String(), closedAt: nullable(Type.String({ format: 'date-time' })) })),
});
export type PublicReportStatus = Static<typeof PublicReportStatusSchema>;

/** What the reporter sees with the receipt code: status and outcome, no names, contacts or places. */
export async function publicReportStatus(db: Db, receiptCode: string, locale: Locale): Promise<PublicReportStatus> {
  const code = receiptCode.trim().toUpperCase();
  if (!RECEIPT_RE.test(code)) throw notFound();
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT p.status, p.created_at, p.handled_at, p.dismiss_reason, h.code AS hazard_code, h.status AS hazard_status, h.closed_at,
            (SELECT count(*)::int FROM attachment a WHERE a.owner_type = 'public_report' AND a.owner_id = p.id::text) AS photos
       FROM public_report p LEFT JOIN hazard h ON h.id = p.hazard_id WHERE p.receipt_code = $1`, [code]);
  const r = rows[0];
  if (!r) throw notFound();
  const en = locale === 'en-US' ? 1 : 0;
  const status = String(r.status);
  const hs = r.hazard_status as HazardStatus | null;
  const hazardLabel = hs ? HAZARD_STATUS_LABELS[hs][en ? 'en' : 'zh'] : '';
  const outcome = status === 'new' ? (en ? 'Your report has been received; staff will check it soon.' : '您的举报已受理，工作人员将尽快核查。')
    : status === 'dismissed' ? (en ? `Checked; no action taken: ${String(r.dismiss_reason)}` : `经核查不予立案：${String(r.dismiss_reason)}`)
      : hs === 'closed' ? (en ? `Registered as hazard ${String(r.hazard_code)}; it has been rectified and closed.` : `已登记为隐患 ${String(r.hazard_code)}，已整改销号。`)
        : (en ? `Registered as hazard ${String(r.hazard_code)}; current status: ${hazardLabel}.` : `已登记为隐患 ${String(r.hazard_code)}，当前状态：${hazardLabel}。`);
  return {
    receiptCode: code, status, statusLabel: REPORT_STATUS_LABELS[status]![en], submittedAt: isoTime(r.created_at)!, handledAt: isoTime(r.handled_at),
    outcome, photos: Number(r.photos),
    hazard: r.hazard_code ? { code: String(r.hazard_code), status: String(hs), statusLabel: hazardLabel, closedAt: isoTime(r.closed_at) } : null,
  };
}

/** Townships (and parks) the reporter picks from; names and codes only. */
export async function reportRegions(db: Db): Promise<{ code: string; name: string }[]> {
  const { rows } = await db.query<{ code: string; name: string }>("SELECT code, name FROM region WHERE level = 'township' ORDER BY sort, code");
  return rows;
}

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * A photo for a report, from the address that sent it, within an hour, while it is new, at most three:
 * images only (JPEG/PNG/WebP, recognised by their first bytes), stored by the attachments service with
 * owner type 'public_report'.
 */
export async function addPublicReportPhoto(caller: PublicCaller & { dataDir: string }, receiptCode: string, filename: string, content: Buffer): Promise<{ photos: number }> {
  const en = caller.locale === 'en-US';
  const code = receiptCode.trim().toUpperCase();
  if (!RECEIPT_RE.test(code)) throw notFound();
  const mime = content.length ? sniffMime(content.subarray(0, 16), filename) : null;
  if (!mime || !IMAGE_TYPES.has(mime)) throw new AppError(415, 'unsupported_media_type', { type: en ? `${filename} (accepted: JPEG, PNG, WebP)` : `${filename}（支持：JPEG、PNG、WebP 照片）` });
  const ipHash = createHmac('sha256', await addressKey(caller.db, caller.addressSecret)).update(caller.ip).digest('hex');
  const ctx = publicCtx(caller);
  return caller.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; ip_hash: string | null; status: string; fresh: boolean; photos: number }>(
      `SELECT id, ip_hash, status, created_at > now() - make_interval(mins => $2) AS fresh,
              (SELECT count(*)::int FROM attachment a WHERE a.owner_type = 'public_report' AND a.owner_id = p.id::text) AS photos
         FROM public_report p WHERE receipt_code = $1 FOR UPDATE`, [code, REPORT_LIMITS.photoWindowMinutes]);
    const r = rows[0];
    if (!r) throw notFound();
    if (r.ip_hash !== ipHash || !r.fresh || r.status !== 'new') {
      throw new AppError(409, 'invalid_state', { detail: en ? 'photos are added within an hour of the report, from the same network' : '照片须在提交举报后一小时内、从同一网络上传' });
    }
    if (r.photos >= REPORT_LIMITS.photosPerReport) throw new AppError(409, 'invalid_state', { detail: en ? `at most ${REPORT_LIMITS.photosPerReport} photos` : `每条举报最多 ${REPORT_LIMITS.photosPerReport} 张照片` });
    // The attachments service writes (and audits) in this transaction, under the report's row lock.
    await uploadAttachment({ ...ctx, db: tx }, caller.dataDir, REPORT_LIMITS.photoBytes, { ownerType: 'public_report', ownerId: r.id, filename, stream: Readable.from([content]) });
    return { photos: r.photos + 1 };
  });
}

// ---- Staff side ----

export const PublicReportSchema = Type.Object({
  id: Type.String({ format: 'uuid' }), receiptCode: Type.String(), description: Type.String(), locationText: nullable(Type.String()), location: nullable(GeoPointSchema),
  regionCode: Type.String(), regionName: Type.String(), contactName: nullable(Type.String()), contactPhone: nullable(Type.String()), anonymous: Type.Boolean(),
  photoIds: Type.Array(Type.String()), status: Type.String({ enum: [...REPORT_STATUSES] }), hazardId: nullable(Type.String()), hazardCode: nullable(Type.String()),
  hazardStatus: nullable(Type.String()), dismissReason: nullable(Type.String()), handledByName: nullable(Type.String()), handledAt: nullable(Type.String({ format: 'date-time' })),
  isDemo: Type.Boolean(), createdAt: Type.String({ format: 'date-time' }),
});
export type PublicReport = Static<typeof PublicReportSchema>;


export const publicReportsResource: ResourceDef<PublicReport> = {
  name: 'reports',
  from: 'public_report p JOIN region r ON r.code = p.region_code LEFT JOIN hazard h ON h.id = p.hazard_id LEFT JOIN org ho ON ho.id = h.org_id',
  select: `p.id, p.receipt_code AS "receiptCode", p.description, p.location_text AS "locationText", ${asGeoJson('p.location')} AS location,
    p.region_code AS "regionCode", r.name AS "regionName", p.contact_name AS "contactName", p.contact_phone AS "contactPhone",
    (p.contact_name IS NULL AND p.contact_phone IS NULL) AS anonymous,
    coalesce((SELECT array_agg(a.id::text ORDER BY a.created_at) FROM attachment a WHERE a.owner_type = 'public_report' AND a.owner_id = p.id::text), '{}') AS "photoIds",
    p.status, p.hazard_id AS "hazardId", h.code AS "hazardCode", h.status AS "hazardStatus", p.dismiss_reason AS "dismissReason",
    p.handled_by_name AS "handledByName", p.handled_at AS "handledAt", p.is_demo AS "isDemo", p.created_at AS "createdAt"`,
  idColumn: 'p.id',
  // 属地: the region subtree of the place reported. No organisation column, so enterprise accounts see
  // none (a reported enterprise never learns who reported it); regulators see the reports that became
  // hazards of enterprises in their industries.
  scope: { region: 'p.region_code', industry: (x) => `ho.industry_codes && ${x}` },
  filters: {
    status: { sql: 'p.status', op: 'eq', enum: REPORT_STATUSES, description: '处理状态' },
    regionCode: { sql: 'p.region_code', op: 'within', description: '所属区域（含下级区域）' },
    anonymous: { sql: '(p.contact_name IS NULL AND p.contact_phone IS NULL)', op: 'eq', type: 'boolean', description: '匿名' },
    from: { sql: 'p.created_at', op: 'gte', format: 'date-time', description: '举报时间起' },
    to: { sql: 'p.created_at', op: 'lte', format: 'date-time', description: '举报时间止' },
  },
  sorts: { createdAt: 'p.created_at', handledAt: 'p.handled_at', status: 'p.status' },
  defaultSort: '-createdAt',
  search: ['p.receipt_code', 'p.description', 'p.location_text'],
  // Contacts are not exported: they stay on the screen of the staff handling the report.
  columns: [
    { key: 'receiptCode', zh: '回执码', en: 'Receipt', width: 14 },
    { key: 'createdAt', zh: '举报时间', en: 'Reported at', format: dateCell },
    { key: 'regionName', zh: '所属区域', en: 'Region' },
    { key: 'description', zh: '问题描述', en: 'Description', width: 50 },
    { key: 'locationText', zh: '位置描述', en: 'Location', width: 24 },
    { key: 'anonymous', zh: '匿名', en: 'Anonymous', format: (v, _r, l) => (v ? (l === 'en-US' ? 'yes' : '是') : (l === 'en-US' ? 'no' : '否')) },
    { key: 'status', zh: '状态', en: 'Status', format: (v, _r, l) => pickLabel(REPORT_STATUS_LABELS, v, l) },
    { key: 'hazardCode', zh: '隐患编号', en: 'Hazard' },
    { key: 'dismissReason', zh: '不予立案理由', en: 'Reason', width: 30 },
    { key: 'handledByName', zh: '处理人', en: 'Handled by' },
    { key: 'handledAt', zh: '处理时间', en: 'Handled at', format: dateCell },
  ],
  map: (r) => ({ ...r, handledAt: isoTime(r.handledAt), createdAt: isoTime(r.createdAt) }) as PublicReport,
};

export async function getPublicReport(ctx: ServiceCtx, id: string): Promise<PublicReport> {
  const r = await getResource(ctx.db, ctx.actor, publicReportsResource, id);
  if (!r) throw notFound();
  return r;
}

/** Locks a new report the actor may handle (its region in the actor's own subtree). */
async function lockNew(ctx: ServiceCtx, tx: Db, id: string): Promise<PublicReport> {
  await tx.query('SELECT 1 FROM public_report WHERE id = $1::uuid FOR UPDATE', [id]);
  const r = await getPublicReport({ ...ctx, db: tx }, id);
  if (!canWriteAt(ctx.actor.scope, r.regionCode, null)) throw outOfScope(r.regionName);
  if (r.status !== 'new') {
    throw new AppError(409, 'invalid_state', { detail: ctx.locale === 'en-US' ? 'the report has already been handled' : `该举报已处理（${REPORT_STATUS_LABELS[r.status]![0]}）` });
  }
  return r;
}

const staffId = (ctx: ServiceCtx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);

export const TriageSchema = Type.Object({
  enterpriseId: Type.Optional(nullable(Type.String({ format: 'uuid', description: '被举报企业（缺省时按区域登记）' }))),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: '隐患所属区域（缺省为举报所属区域）' })),
  title: Type.String({ minLength: 2, maxLength: 100 }),
  description: Type.Optional(Type.String({ minLength: 2, maxLength: 4000, description: '缺省为举报内容；可删去举报人个人信息' })),
  category: Type.String({ enum: [...CATEGORIES] }),
  grade: Type.String({ enum: ['general', 'major'] }),
}, { additionalProperties: false });
export type Triage = Static<typeof TriageSchema>;

/**
 * Confirms a report as a hazard (待整改, source 群众举报) in one transaction: the hazard through the
 * closed loop's reportHazard (found at the report's time and place), the report's photos copied to the
 * hazard, and the report marked triaged with its hazard.
 */
export async function triageReport(ctx: ServiceCtx, id: string, input: Triage, files: { dataDir: string; maxBytes: number }): Promise<Hazard> {
  const hazardId = await write(ctx, async (tx, audit) => {
    const r = await lockNew(ctx, tx, id);
    const tctx = { ...ctx, db: tx };
    const h = await reportHazard(tctx, {
      enterpriseId: input.enterpriseId ?? null,
      ...(input.enterpriseId ? {} : { regionCode: input.regionCode ?? r.regionCode }),
      title: input.title,
      description: input.description ?? (r.locationText ? `${r.description}（位置：${r.locationText}）` : r.description).slice(0, 4000),
      category: input.category, grade: input.grade, source: 'public_report', foundAt: r.createdAt, location: r.location,
    });
    for (const photoId of r.photoIds) {
      const a = await getAttachment(tctx, photoId);
      await uploadAttachment(tctx, files.dataDir, files.maxBytes, { ownerType: 'hazard', ownerId: h.id, filename: a.filename, stream: fs.createReadStream(attachmentFile(files.dataDir, a)) });
    }
    await tx.query("UPDATE public_report SET status = 'triaged', hazard_id = $2, handled_by = $3, handled_by_name = $4, handled_at = now() WHERE id = $1",
      [id, h.id, staffId(ctx), ctx.actor.displayName]);
    await audit({ action: 'report_triage', entityType: 'public_report', entityId: id, regionCode: r.regionCode, orgId: h.enterpriseId,
      summary: `群众举报 ${r.receiptCode} 核实为隐患 ${h.code}`, before: { status: 'new' }, after: { status: 'triaged', hazardId: h.id, hazardCode: h.code } });
    return h.id;
  });
  return getHazard(ctx, hazardId);
}

export const DismissSchema = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 500, description: '不予立案的理由（举报人凭回执码可见，勿写个人信息）' }),
}, { additionalProperties: false });

/** Dismisses a report with a reason the reporter will read. */
export async function dismissReport(ctx: ServiceCtx, id: string, input: Static<typeof DismissSchema>): Promise<PublicReport> {
  const reason = input.reason.trim();
  if ([...reason].length < 2) throw validationFailed([{ path: 'reason', message: ctx.locale === 'en-US' ? 'give the reason' : '请填写不予立案的理由' }]);
  await write(ctx, async (tx, audit) => {
    const r = await lockNew(ctx, tx, id);
    await tx.query("UPDATE public_report SET status = 'dismissed', dismiss_reason = $2, handled_by = $3, handled_by_name = $4, handled_at = now() WHERE id = $1",
      [id, reason, staffId(ctx), ctx.actor.displayName]);
    await audit({ action: 'report_dismiss', entityType: 'public_report', entityId: id, regionCode: r.regionCode,
      summary: `群众举报 ${r.receiptCode} 不予立案：${reason}`, before: { status: 'new' }, after: { status: 'dismissed', reason } });
  });
  return getPublicReport(ctx, id);
}
