import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { Type, type Static } from 'typebox';
import { write, type ServiceCtx } from '../../platform/context.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import { resolveOwner } from '../../platform/owners.ts';

export const AttachmentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  mimeType: Type.String(),
  filename: Type.String(),
  ownerType: Type.String(),
  ownerId: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdByName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Attachment = Static<typeof AttachmentSchema>;

/** Accepted types, recognised by their first bytes (the client's claimed type is not trusted). */
const SIGNATURES: { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { mime: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  // Office Open XML (docx/xlsx) are zip files; the extension decides which.
  { mime: 'application/zip', ext: 'zip', test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 },
];
const OFFICE: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const ACCEPTED_TYPES = 'JPEG、PNG、WebP、PDF、DOCX、XLSX';

export function sniffMime(head: Buffer, filename: string): string | null {
  const sig = SIGNATURES.find((s) => s.test(head));
  if (!sig) return null;
  if (sig.mime === 'application/zip') return OFFICE[path.extname(filename).slice(1).toLowerCase()] ?? null;
  return sig.mime;
}

function storePath(dataDir: string, sha: string): string {
  return path.join(dataDir, 'attachments', sha.slice(0, 2), sha.slice(2, 4), sha);
}

export interface UploadInput {
  ownerType: string;
  ownerId: string;
  filename: string;
  stream: Readable;
}

/**
 * Stores the file content-addressed under DATA_DIR/attachments (sha256), fsynced before the database
 * row commits, so an acknowledged upload survives a crash. The owner must be in the actor's scope;
 * the attachment inherits the owner's region and organisation for later scope checks.
 */
export async function uploadAttachment(ctx: ServiceCtx, dataDir: string, maxBytes: number, input: UploadInput): Promise<Attachment> {
  const owner = await resolveOwner(ctx.db, ctx.actor, input.ownerType, input.ownerId, 'write');
  if (!owner) {
    input.stream.resume();
    throw notFound();
  }
  const tmpDir = path.join(dataDir, 'attachments', 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) return cb(new AppError(413, 'payload_too_large', { limit: `${Math.round(maxBytes / 1048576)} MB` }));
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(input.stream, meter, fs.createWriteStream(tmp));
    if ((input.stream as Readable & { truncated?: boolean }).truncated) throw new AppError(413, 'payload_too_large', { limit: `${Math.round(maxBytes / 1048576)} MB` });
    if (size === 0) throw validationFailed([{ path: 'file', message: ctx.locale === 'en-US' ? 'the file is empty' : '文件为空' }]);
    const mime = sniffMime(head, input.filename);
    if (!mime) throw new AppError(415, 'unsupported_media_type', { type: `${path.extname(input.filename) || '?'}（${ctx.locale === 'en-US' ? 'accepted' : '支持'}：${ACCEPTED_TYPES}）` });
    const sha = hash.digest('hex');
    const dest = storePath(dataDir, sha);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (fs.existsSync(dest)) fs.unlinkSync(tmp);
    else fs.renameSync(tmp, dest);
    const filename = path.basename(input.filename).slice(0, 200) || 'file';
    const id = await write(ctx, async (tx, audit) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO attachment (sha256, size_bytes, mime_type, filename, owner_type, owner_id, region_code, org_id, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
        [sha, size, mime, filename, input.ownerType, input.ownerId, owner.regionCode, owner.orgId, ctx.actor.kind === 'user' ? ctx.actor.id : null]);
      const newId = rows[0]!.id;
      await audit({ action: 'upload', entityType: 'attachment', entityId: newId, regionCode: owner.regionCode, orgId: owner.orgId,
        summary: `上传附件 ${filename}`, after: { ownerType: input.ownerType, ownerId: input.ownerId, filename, sha256: sha, size, mime } });
      return newId;
    });
    return getAttachment(ctx, id);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

const SELECT = `a.id, a.sha256, a.size_bytes AS "sizeBytes", a.mime_type AS "mimeType", a.filename, a.owner_type AS "ownerType",
  a.owner_id AS "ownerId", a.created_by AS "createdBy", u.display_name AS "createdByName", a.created_at AS "createdAt"`;

function toAttachment(r: Record<string, unknown>): Attachment {
  return { ...r, createdAt: (r.createdAt as Date).toISOString() } as Attachment;
}

/** An attachment is visible exactly when its owner is visible to the actor (checked on every read). */
export async function getAttachment(ctx: ServiceCtx, id: string): Promise<Attachment> {
  const { rows } = await ctx.db.query<Record<string, unknown>>(`SELECT ${SELECT} FROM attachment a LEFT JOIN app_user u ON u.id = a.created_by WHERE a.id = $1`, [id]);
  const r = rows[0];
  if (!r) throw notFound();
  const owner = await resolveOwner(ctx.db, ctx.actor, String(r.ownerType), String(r.ownerId));
  if (!owner) throw notFound();
  return toAttachment(r);
}

export async function listAttachments(ctx: ServiceCtx, ownerType: string, ownerId: string): Promise<Attachment[]> {
  const owner = await resolveOwner(ctx.db, ctx.actor, ownerType, ownerId);
  if (!owner) throw notFound();
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT ${SELECT} FROM attachment a LEFT JOIN app_user u ON u.id = a.created_by WHERE a.owner_type = $1 AND a.owner_id = $2 ORDER BY a.created_at DESC`,
    [ownerType, ownerId]);
  return rows.map(toAttachment);
}

export function attachmentFile(dataDir: string, a: Attachment): string {
  return storePath(dataDir, a.sha256);
}
