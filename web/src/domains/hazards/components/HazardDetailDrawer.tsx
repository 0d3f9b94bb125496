/**
 * One hazard: its fields, the treatment plan (五到位 with check/cross), supervision, the timeline
 * (GET /api/v1/hazards/{id}/timeline) with the photos of each step, the attachments, and the buttons
 * for the next steps the caller may take (a hint: the server decides and explains a refusal).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Image, Space, Spin, Tabs, Tag, Timeline, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { Attachments } from '../../../components/Attachments.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { common, useI18n, type Msg } from '../../../lib/i18n.tsx';
import type { Attachment } from '../../../lib/types.ts';
import { ACTION_LABELS, CATEGORY_LABELS, FIVE_ITEM_LABELS, hm, ROLE_LABELS, SOURCE_LABELS } from '../messages.ts';
import type { FiveItem, Hazard, HazardEvent, HazardPlan } from '../types.ts';
import { ACTION_TITLES, HazardActionDrawer, type ActionKind } from './HazardActionDrawer.tsx';
import { HazardGradeTag, OverdueTag, StatusTag } from './HazardTags.tsx';

const SUPERVISOR_ROLES = ['township', 'regulator', 'bureau_staff', 'inspector'];
const RECTIFIER_ROLES = ['enterprise', 'township', 'regulator', 'bureau_staff'];
const COUNTY_ROLES = ['admin', 'bureau_staff'];

function itemDone(plan: HazardPlan | null, item: FiveItem): boolean {
  if (!plan) return false;
  const f = (s: string | null | undefined) => !!s?.trim();
  switch (item) {
    case 'responsibility': return f(plan.responsibleUnit) && f(plan.responsiblePerson);
    case 'measures': return f(plan.measures);
    case 'funds': return plan.fundsYuan !== null && plan.fundsYuan !== undefined;
    case 'deadline': return !!plan.deadline;
    case 'contingency': return f(plan.contingencyPlan);
  }
}

export function HazardDetailDrawer({ hazardId, onClose, onChanged }: { hazardId: string | null; onClose: () => void; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { user, can } = useAuth();
  const [hazard, setHazard] = useState<Hazard | null>(null);
  const [events, setEvents] = useState<HazardEvent[]>([]);
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<ActionKind | null>(null);
  const [tick, setTick] = useState(0);

  const load = useCallback(async (id: string) => {
    try {
      const [h, ev, at] = await Promise.all([
        api.get<Hazard>(`/api/v1/hazards/${id}`),
        api.get<HazardEvent[]>(`/api/v1/hazards/${id}/timeline`),
        api.get<Attachment[]>('/api/v1/attachments', { ownerType: 'hazard', ownerId: id }).catch(() => [] as Attachment[]),
      ]);
      setHazard(h);
      setEvents(ev);
      setPhotos(at);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    setHazard(null);
    setEvents([]);
    setError(null);
    if (hazardId) void load(hazardId);
  }, [hazardId, load]);

  useEffect(() => {
    if (hazardId && tick) void load(hazardId);
  }, [tick, hazardId, load]);

  const roles = user?.roles ?? [];
  const has = (list: string[]) => roles.some((r) => list.includes(r));
  const ownUnit = !!hazard?.enterpriseId && user?.orgId === hazard.enterpriseId;
  const next: ActionKind[] = [];
  if (hazard && can('hazards:write')) {
    if (hazard.status === 'pending' && (has(SUPERVISOR_ROLES) || (ownUnit && roles.includes('enterprise')))) next.push('assign');
    if (hazard.status === 'rectifying' && ownUnit && has(RECTIFIER_ROLES)) next.push('submit');
    if (hazard.status === 'verifying' && has(SUPERVISOR_ROLES) && !ownUnit) next.push('verify_pass', 'verify_reject');
    if (hazard.grade === 'major' && hazard.status !== 'closed' && has(COUNTY_ROLES)) next.push('supervise');
  }

  const labelOf = (m: Record<string, Msg>, k: string) => {
    const msg = m[k];
    return msg ? t(msg) : k;
  };
  const photoById = new Map(photos.map((p) => [p.id, p]));
  const plan = hazard?.plan ?? null;

  return (
    <Drawer
      title={hazard ? <Space>{hazard.code}<StatusTag status={hazard.status} />{hazard.overdue && <OverdueTag />}</Space> : t(hm.detail)}
      open={!!hazardId}
      onClose={onClose}
      size={760}
      destroyOnHidden
      data-testid="hazard-detail-drawer"
      extra={hazard && next.length > 0 && (
        <Space wrap>
          {next.map((k) => (
            <Button key={k} type={k === 'verify_reject' || k === 'supervise' ? 'default' : 'primary'} danger={k === 'verify_reject'} onClick={() => setAction(k)} data-testid={`hazard-action-${k}`}>
              {t(ACTION_TITLES[k])}
            </Button>
          ))}
        </Space>
      )}
    >
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />}
      {!hazard && !error && <Spin />}
      {hazard && (
        <Tabs
          items={[
            {
              key: 'basics', label: t(hm.basics), children: (
                <>
                  <Descriptions column={2} size="small" bordered data-testid="hazard-detail">
                    <Descriptions.Item label={t(hm.title)} span={2}><b data-testid="hazard-detail-title">{hazard.title}</b></Descriptions.Item>
                    <Descriptions.Item label={t(hm.enterprise)}>{hazard.enterpriseName ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t(hm.region)}>{hazard.regionName}</Descriptions.Item>
                    <Descriptions.Item label={t(hm.grade)}><HazardGradeTag grade={hazard.grade} /></Descriptions.Item>
                    <Descriptions.Item label={t(hm.category)}>{t(CATEGORY_LABELS[hazard.category])}</Descriptions.Item>
                    <Descriptions.Item label={t(hm.source)}>{t(SOURCE_LABELS[hazard.source])}</Descriptions.Item>
                    <Descriptions.Item label={t(hm.foundBy)}>{hazard.foundByName}</Descriptions.Item>
                    <Descriptions.Item label={t(hm.foundAt)}>{formatDateTime(hazard.foundAt, locale)}</Descriptions.Item>
                    <Descriptions.Item label={t(hm.deadline)}>
                      <span style={hazard.overdue ? { color: '#dc2626', fontWeight: 600 } : undefined}>{hazard.deadline ? formatDateTime(hazard.deadline, locale) : '—'}</span>
                    </Descriptions.Item>
                    {hazard.location && (
                      <Descriptions.Item label={t(hm.location)} span={2}>{hazard.location.coordinates.map((c) => c.toFixed(5)).join(', ')}</Descriptions.Item>
                    )}
                    {hazard.submittedAt && <Descriptions.Item label={t(hm.submittedAt)}>{formatDateTime(hazard.submittedAt, locale)}</Descriptions.Item>}
                    {hazard.closedAt && <Descriptions.Item label={t(hm.closedAt)}>{formatDateTime(hazard.closedAt, locale)}</Descriptions.Item>}
                    {hazard.escalationLevel > 0 && <Descriptions.Item label={t(hm.escalation)}><Tag color="red">L{hazard.escalationLevel}</Tag></Descriptions.Item>}
                    <Descriptions.Item label={t(hm.description)} span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{hazard.description}</div></Descriptions.Item>
                  </Descriptions>

                  <Typography.Title level={5} style={{ marginTop: 20 }}>{t(hm.plan)}</Typography.Title>
                  <div data-testid="hazard-plan">
                    <Space wrap style={{ marginBottom: 8 }}>
                      {(Object.keys(FIVE_ITEM_LABELS) as FiveItem[]).map((i) => (
                        <Tag key={i} color={itemDone(plan, i) ? 'green' : 'default'} data-testid={`plan-item-${i}`} data-done={itemDone(plan, i)}
                          icon={itemDone(plan, i) ? <CheckCircleFilled /> : <CloseCircleFilled style={{ color: '#dc2626' }} />}>
                          {t(FIVE_ITEM_LABELS[i])}
                        </Tag>
                      ))}
                    </Space>
                    {plan ? (
                      <Descriptions column={2} size="small" bordered>
                        <Descriptions.Item label={t(hm.responsibleUnit)}>{plan.responsibleUnit ?? '—'}</Descriptions.Item>
                        <Descriptions.Item label={t(hm.responsiblePerson)}>{plan.responsiblePerson ?? '—'}</Descriptions.Item>
                        <Descriptions.Item label={t(hm.measures)} span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{plan.measures ?? '—'}</div></Descriptions.Item>
                        <Descriptions.Item label={t(hm.fundsYuan)}>{plan.fundsYuan !== null && plan.fundsYuan !== undefined ? formatNumber(plan.fundsYuan, locale, 2) : '—'}</Descriptions.Item>
                        <Descriptions.Item label={t(hm.planDeadline)}>{plan.deadline ? formatDateTime(plan.deadline, locale) : '—'}</Descriptions.Item>
                        <Descriptions.Item label={t(hm.contingencyPlan)} span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{plan.contingencyPlan ?? '—'}</div></Descriptions.Item>
                      </Descriptions>
                    ) : <Typography.Text type="secondary">{t(hm.planNone)}</Typography.Text>}
                  </div>

                  <Typography.Title level={5} style={{ marginTop: 20 }}>{t(hm.supervision)}</Typography.Title>
                  {hazard.supervisingOrgId ? (
                    <Descriptions column={2} size="small" bordered data-testid="hazard-supervision">
                      <Descriptions.Item label={t(hm.supervisingOrg)}><Tag color="red">{t(hm.supervised)}</Tag>{hazard.supervisingOrgName}</Descriptions.Item>
                      <Descriptions.Item label={t(hm.supervisionDeadline)}>{hazard.supervisionDeadline ?? '—'}</Descriptions.Item>
                    </Descriptions>
                  ) : <Typography.Text type="secondary">{t(hm.notSupervised)}</Typography.Text>}
                </>
              ),
            },
            {
              key: 'timeline', label: `${t(hm.timeline)} (${events.length})`, children: (
                <Timeline
                  data-testid="hazard-timeline"
                  items={events.map((e) => ({
                    color: e.action === 'verify_reject' || e.action === 'escalate' ? 'red' : e.action === 'verify_pass' ? 'green' : 'blue',
                    content: (
                      <div data-testid="hazard-timeline-item" data-action={e.action}>
                        <div>
                          <b>{labelOf(ACTION_LABELS, e.action)}</b>
                          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{formatDateTime(e.at, locale)}</Typography.Text>
                        </div>
                        <div>
                          {e.actorName}
                          {e.actorRole && <Tag style={{ marginInlineStart: 6 }}>{labelOf(ROLE_LABELS, e.actorRole)}</Tag>}
                        </div>
                        {e.note && <div style={{ whiteSpace: 'pre-wrap', color: '#475569' }}>{e.note}</div>}
                        {e.photoIds.length > 0 && (
                          <Image.PreviewGroup>
                            <Space wrap style={{ marginTop: 4 }}>
                              {e.photoIds.map((pid) => (
                                <Image key={pid} width={72} height={72} style={{ objectFit: 'cover' }} src={`/api/v1/attachments/${pid}/content`}
                                  alt={photoById.get(pid)?.filename ?? pid} data-testid="hazard-timeline-photo" />
                              ))}
                            </Space>
                          </Image.PreviewGroup>
                        )}
                      </div>
                    ),
                  }))}
                />
              ),
            },
            {
              key: 'files', label: t(hm.photos), children: (
                <Attachments ownerType="hazard" ownerId={hazard.id} canUpload={can('hazards:write') && hazard.status !== 'closed'} />
              ),
            },
          ]}
        />
      )}
      {hazard && (
        <HazardActionDrawer
          hazard={hazard}
          kind={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setTick((n) => n + 1);
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
