/**
 * One alarm case: its facts, the disposal feedback, the timeline (GET /api/v1/alarms/{id}/timeline)
 * and the buttons of the next steps. The buttons are a hint computed like rules.ts authoriseAlarm
 * (owner unit, supervisor roles, 真实险情 confirmation); the server decides and explains a refusal.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { ACTION_LABELS, CAUSE_LABELS, levelLabel, mm, SENSOR_TYPE_INFO } from '../messages.ts';
import type { Alarm, AlarmActionType, AlarmEvent } from '../types.ts';
import { AlarmActionDrawer } from './AlarmActionDrawer.tsx';
import { AlarmLevelTag, AlarmStatusTag } from './MonitoringTags.tsx';

const SUPERVISOR_ROLES = ['township', 'regulator', 'duty_officer', 'bureau_staff'];
const OWNER_ROLES = ['enterprise', 'township', 'regulator', 'duty_officer', 'bureau_staff'];
const CONFIRMER_ROLES = ['regulator', 'bureau_staff'];

/** The actions the user may probably take now (the server has the last word). */
function nextActions(a: Alarm, roles: string[], orgId: string | null | undefined): AlarmActionType[] {
  const has = (list: string[]) => roles.some((r) => list.includes(r));
  const own = a.enterpriseId !== null && orgId === a.enterpriseId;
  switch (a.status) {
    case 'raised':
      return has(SUPERVISOR_ROLES) || (own && roles.includes('enterprise')) ? ['acknowledge'] : [];
    case 'acknowledged':
      return (a.enterpriseId === null ? has(SUPERVISOR_ROLES) : own && has(OWNER_ROLES)) ? ['feedback'] : [];
    case 'feedback': {
      const out: AlarmActionType[] = [];
      if (has(SUPERVISOR_ROLES) && !own) out.push('return');
      const close = a.feedback?.cause === 'real_danger' ? has(CONFIRMER_ROLES) && !own : has(SUPERVISOR_ROLES) || (own && has(OWNER_ROLES));
      if (close) out.push('close');
      return out;
    }
    default:
      return [];
  }
}

const EVENT_COLORS: Record<string, string> = { raise: 'red', acknowledge: 'orange', feedback: 'blue', return: 'red', close: 'green' };

export function AlarmDetailDrawer({ alarmId, refreshKey, onClose, onChanged }: { alarmId: string | null; refreshKey: number; onClose: () => void; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { user, can, roleLabel } = useAuth();
  const [alarm, setAlarm] = useState<Alarm | null>(null);
  const [events, setEvents] = useState<AlarmEvent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<AlarmActionType | null>(null);

  const load = useCallback(async (id: string) => {
    try {
      const [a, ev] = await Promise.all([api.get<Alarm>(`/api/v1/alarms/${id}`), api.get<AlarmEvent[]>(`/api/v1/alarms/${id}/timeline`)]);
      setAlarm(a);
      setEvents(ev);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    setAlarm(null);
    setEvents([]);
    setError(null);
    if (alarmId) void load(alarmId);
  }, [alarmId, load]);

  // The page's periodic refresh also refreshes the open case (another user may have acted on it).
  useEffect(() => {
    if (alarmId && refreshKey) void load(alarmId);
  }, [refreshKey, alarmId, load]);

  const next = alarm && can('monitoring:read') ? nextActions(alarm, user?.roles ?? [], user?.orgId) : [];

  return (
    <Drawer
      title={alarm ? <Space>{alarm.sensorCode}<AlarmLevelTag level={alarm.level} type={alarm.sensorType} /><AlarmStatusTag status={alarm.status} /></Space> : t(mm.alarmDetail)}
      open={!!alarmId}
      onClose={onClose}
      size={720}
      destroyOnHidden
      data-testid="alarm-detail-drawer"
      extra={next.length > 0 && (
        <Space wrap>
          {next.map((k) => (
            <Button key={k} type={k === 'return' ? 'default' : 'primary'} danger={k === 'return'} onClick={() => setAction(k)} data-testid={`alarm-action-${k}`}>
              {t(ACTION_LABELS[k])}
            </Button>
          ))}
        </Space>
      )}
    >
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />}
      {!alarm && !error && <Spin />}
      {alarm && (
        <>
          <Descriptions column={2} size="small" bordered data-testid="alarm-detail">
            <Descriptions.Item label={t(mm.sensor)} span={2}><b data-testid="alarm-detail-sensor">{alarm.sensorCode} {alarm.sensorName}</b></Descriptions.Item>
            <Descriptions.Item label={t(mm.type)}>{SENSOR_TYPE_INFO[alarm.sensorType] ? t(SENSOR_TYPE_INFO[alarm.sensorType].label) : alarm.sensorType}</Descriptions.Item>
            <Descriptions.Item label={t(mm.status)}><AlarmStatusTag status={alarm.status} /></Descriptions.Item>
            <Descriptions.Item label={t(mm.enterprise)}>{alarm.enterpriseName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(mm.region)}>{alarm.regionName}</Descriptions.Item>
            <Descriptions.Item label={t(mm.level)}><AlarmLevelTag level={alarm.level} type={alarm.sensorType} /></Descriptions.Item>
            <Descriptions.Item label={t(mm.peakLevel)}>{t(levelLabel(alarm.sensorType, alarm.peakLevel))}</Descriptions.Item>
            <Descriptions.Item label={t(mm.valueThreshold)} span={2}>
              <span data-testid="alarm-detail-value">{alarm.value ?? '—'} / {alarm.threshold ?? '—'} {alarm.unit}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t(mm.raisedAt)}>{formatDateTime(alarm.raisedAt, locale, true)}</Descriptions.Item>
            <Descriptions.Item label={t(mm.recoveredAt)}>{alarm.recoveredAt ? formatDateTime(alarm.recoveredAt, locale, true) : t(mm.notRecovered)}</Descriptions.Item>
            {alarm.acknowledgedAt && <Descriptions.Item label={t(mm.acknowledgedAt)}>{formatDateTime(alarm.acknowledgedAt, locale, true)}</Descriptions.Item>}
            {alarm.acknowledgedByName && <Descriptions.Item label={t(mm.acknowledgedBy)}>{alarm.acknowledgedByName}</Descriptions.Item>}
            {alarm.closedAt && <Descriptions.Item label={t(mm.closedAt)}>{formatDateTime(alarm.closedAt, locale, true)}</Descriptions.Item>}
            {alarm.closedByName && <Descriptions.Item label={t(mm.closedBy)}>{alarm.closedByName}</Descriptions.Item>}
            {alarm.confirmedByName && <Descriptions.Item label={t(mm.confirmedBy)} span={2}>{alarm.confirmedByName}</Descriptions.Item>}
          </Descriptions>

          {alarm.feedback && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>{t(mm.feedback)}</Typography.Title>
              <Descriptions column={2} size="small" bordered data-testid="alarm-feedback">
                <Descriptions.Item label={t(mm.cause)}>
                  <Tag color={alarm.feedback.cause === 'real_danger' ? 'red' : 'blue'}>{t(CAUSE_LABELS[alarm.feedback.cause])}</Tag>
                  {alarm.feedback.causeNote}
                </Descriptions.Item>
                <Descriptions.Item label={t(mm.feedbackAt)}>{formatDateTime(alarm.feedback.at, locale, true)}</Descriptions.Item>
                <Descriptions.Item label={t(mm.measures)} span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{alarm.feedback.measures}</div></Descriptions.Item>
              </Descriptions>
            </>
          )}

          <Typography.Title level={5} style={{ marginTop: 20 }}>{t(mm.timeline)} ({events.length})</Typography.Title>
          <Timeline
            data-testid="alarm-timeline"
            items={events.map((e) => ({
              color: EVENT_COLORS[e.action] ?? 'blue',
              content: (
                <div data-testid="alarm-timeline-item" data-action={e.action}>
                  <div>
                    <b>{e.actionLabel}</b>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{formatDateTime(e.at, locale, true)}</Typography.Text>
                  </div>
                  <div>
                    {e.actorName}
                    {e.actorRole && <Tag style={{ marginInlineStart: 6 }}>{roleLabel(e.actorRole)}</Tag>}
                  </div>
                  {e.note && <div style={{ whiteSpace: 'pre-wrap', color: '#475569' }}>{e.note}</div>}
                </div>
              ),
            }))}
          />
        </>
      )}
      {alarm && (
        <AlarmActionDrawer
          alarm={alarm}
          kind={action}
          onClose={() => setAction(null)}
          onDone={() => {
            void load(alarm.id);
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
