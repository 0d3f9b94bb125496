import { appendAudit } from '../../platform/audit.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { notify } from '../notifications/service.ts';
import { audienceLookup, type Audience } from '../users/service.ts';
import { DEFAULT_ESCALATION_STEPS, escalationsDue, type EscalationStep, type EscalationTarget } from './rules.ts';
import { readSetting } from '../../platform/settings.ts';

// Overdue escalation (超期升级): a job that finds rectifications past their deadline and notifies, step
// by step, the responsible unit, then the township/department, then the bureau. Durable: the last step
// sent is stored on the hazard; safe with several server processes: each batch claims its rows with
// FOR UPDATE SKIP LOCKED inside one transaction, so two processes never send the same step.

export const ESCALATION_SETTING = 'hazards.escalation';
const TARGET_LABELS: Record<EscalationTarget, string> = { owner: '责任单位', township: '属地乡镇与行业部门', bureau: '县应急管理局' };

export async function escalationSteps(db: Db): Promise<readonly EscalationStep[]> {
  const steps = (await readSetting<{ steps?: EscalationStep[] }>(db, ESCALATION_SETTING))?.steps;
  return steps?.length ? steps : DEFAULT_ESCALATION_STEPS;
}

/** The audience of each step: the unit's own accounts; the township offices of the area and the regulators of the industry; the bureau. */
const audience = (target: EscalationTarget, h: { org_id: string | null; region_code: string }): Audience =>
  target === 'owner' ? { orgId: h.org_id }
    : target === 'township' ? { supervisorsOf: { regionCode: h.region_code, orgId: h.org_id } }
      : { countyRoles: ['bureau_staff', 'duty_officer'] };

/**
 * One run: every overdue hazard whose next step is due gets its notices (and catches up on missed
 * steps, in order), its escalation level and an audit entry. Returns the number of steps sent.
 * `now` is the clock (tests pass their own).
 */
export async function runEscalation(db: Db, now = new Date(), batch = 200): Promise<number> {
  const steps = await escalationSteps(db);
  const recipients = audienceLookup(); // one lookup per audience per run
  let sent = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; code: string; title: string; org_id: string | null; region_code: string; status: string; deadline: Date; escalation_level: number }>(
        `SELECT id, code, title, org_id, region_code, status, deadline, escalation_level FROM hazard
          WHERE status IN ('pending', 'rectifying') AND deadline < $1 AND escalation_level < $2
          ORDER BY deadline LIMIT $3 FOR UPDATE SKIP LOCKED`, [now, steps.length, batch]);
      let handled = 0;
      for (const h of rows) {
        const due = escalationsDue({ status: h.status as 'pending' | 'rectifying', deadline: new Date(h.deadline) }, now, h.escalation_level === 0 ? null : h.escalation_level - 1, steps);
        if (!due.length) continue;
        for (const { step } of due) {
          const days = Math.floor((now.getTime() - new Date(h.deadline).getTime()) / 86_400_000);
          await notify(tx, await recipients(tx, audience(step.notify, h)), {
            title: `隐患超期${days > 0 ? ` ${days} 天` : ''}：${h.code} ${h.title}`,
            body: `整改期限 ${new Date(h.deadline).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 已过，现通知${TARGET_LABELS[step.notify]}督促整改。`,
            link: `/hazards?open=${h.id}`,
          });
        }
        const level = due[due.length - 1]!.index + 1;
        await tx.query('UPDATE hazard SET escalation_level = $2, escalated_at = $3 WHERE id = $1', [h.id, level, now]);
        await appendAudit(tx, systemActor('hazard-escalation'), {
          action: 'hazard_escalate', entityType: 'hazard', entityId: h.id, regionCode: h.region_code, orgId: h.org_id,
          summary: `隐患 ${h.code} 超期升级：通知${due.map((d) => TARGET_LABELS[d.step.notify]).join('、')}`, after: { escalationLevel: level },
        });
        sent += due.length;
        handled++;
      }
      return { claimed: rows.length, handled };
    });
    if (n.claimed < batch) break;
    if (n.handled === 0) break;
  }
  return sent;
}
