/**
 * An enterprise's file (一企一档) in tabs: 基本信息 (with its location), 证照, 风险点, 重大危险源, 检查记录
 * (its checks and 开始检查) and 变更记录 (the profile is audited on the org id). Changes in a tab re-read
 * the enterprise, since its risk level, counts and licence warnings derive from them. 二维码 shows the
 * printable QR code whose scan opens this file with a check started (`startCheck`).
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Descriptions, Drawer, Space, Tabs, Tag } from 'antd';
import { EditOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { HistoryList } from '../../../components/HistoryList.tsx';
import { api } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { CheckEnterpriseTab } from '../../hazards/components/CheckEnterpriseTab.tsx';
import { EnterpriseQrModal } from '../../hazards/components/EnterpriseQrModal.tsx';
import { cm } from '../../hazards/messages.ts';
import { useDict } from '../../resources/dicts.ts';
import { BasicsMap, formatPoint } from '../../resources/components/shared.tsx';
import { km, RISK_HEX, SCALE_LABELS, STANDARD_LEVEL_LABELS, UNASSESSED_HEX } from '../messages.ts';
import type { Enterprise } from '../types.ts';
import { EnterpriseHazards, EnterprisePoints } from './EnterpriseLists.tsx';
import { LicencesTab } from './LicencesTab.tsx';
import { GradeTag, RiskLevelTag } from './RiskTags.tsx';

function Basics({ e }: { e: Enterprise }) {
  const { t, locale } = useI18n();
  const industries = useDict('industry');
  const contact = (name: string | null, phone: string | null) => (name || '—') + (phone ? ` · ${phone}` : '');
  return (
    <>
      <Descriptions column={2} size="small" bordered data-testid="enterprise-detail-fields">
        <Descriptions.Item label={t(km.name)} span={2}>{e.name}{e.shortName ? `（${e.shortName}）` : ''}</Descriptions.Item>
        <Descriptions.Item label={t(km.creditCode)} span={2}><span style={{ fontFamily: 'monospace' }} data-testid="enterprise-detail-creditCode">{e.creditCode || '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t(km.riskLevel)}><RiskLevelTag level={e.riskLevel} testId="enterprise-detail-level" /></Descriptions.Item>
        <Descriptions.Item label={t(km.majorHazardGrade)}>
          {e.majorHazardCount > 0 ? <Space size={4}><GradeTag grade={e.majorHazardGrade} />× {e.majorHazardCount}</Space> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t(km.region)}>{e.regionName}</Descriptions.Item>
        <Descriptions.Item label={t(km.industries)}>{e.industryCodes.map((c) => <Tag key={c}>{c} {industries.label(c)}</Tag>)}</Descriptions.Item>
        <Descriptions.Item label={t(km.scale)}>{e.scale ? t(SCALE_LABELS[e.scale]) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t(km.employees)}>{e.employees ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(km.standardLevel)}>{e.standardLevel ? t(STANDARD_LEVEL_LABELS[e.standardLevel]) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t(km.hazchem)}>{e.hazchem ? <Tag color="volcano">{t(common.yes)}</Tag> : t(common.no)}</Descriptions.Item>
        <Descriptions.Item label={t(km.legalRep)}>{contact(e.legalRep, e.legalRepPhone)}</Descriptions.Item>
        <Descriptions.Item label={t(km.safetyManager)}>{contact(e.safetyManager, e.safetyManagerPhone)}</Descriptions.Item>
        <Descriptions.Item label={t(km.contactName)}>{contact(e.contactName, e.contactPhone)}</Descriptions.Item>
        <Descriptions.Item label={t(km.riskPointCount)}>{e.riskPointCount}</Descriptions.Item>
        <Descriptions.Item label={t(km.regulators)} span={2}>{e.regulatorNames.length ? e.regulatorNames.join('、') : '—'}</Descriptions.Item>
        <Descriptions.Item label={t(km.address)} span={2}>{e.address || '—'}</Descriptions.Item>
        <Descriptions.Item label={t(km.location)} span={2}>{formatPoint(e.location, '—')}</Descriptions.Item>
        <Descriptions.Item label={t(common.updatedAt)} span={2}>{formatDateTime(e.updatedAt, locale)}</Descriptions.Item>
      </Descriptions>
      <BasicsMap point={e.location} name={e.shortName || e.name} color={e.riskLevel ? RISK_HEX[e.riskLevel] : UNASSESSED_HEX} testId="enterprise-map" />
    </>
  );
}

export function EnterpriseDetailDrawer({ enterprise, onClose, onEdit, onChanged, reloadKey = 0, startCheck = false, onCheckStarted }: {
  enterprise: Enterprise | null;
  onClose: () => void;
  onEdit?: (e: Enterprise) => void;
  /** The enterprise as re-read after a change in one of its tabs. */
  onChanged?: (e: Enterprise) => void;
  reloadKey?: number;
  /** Open the 检查记录 tab with the check form (a QR scan); onCheckStarted says it was done. */
  startCheck?: boolean;
  onCheckStarted?: () => void;
}) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [current, setCurrent] = useState<Enterprise | null>(enterprise);
  const [tick, setTick] = useState(0);
  const [tab, setTab] = useState('basics');
  const [autoStart, setAutoStart] = useState(false);
  const [qrOpen, setQrOpen] = useState(false);
  useEffect(() => setCurrent(enterprise), [enterprise]);
  // Every enterprise opens on its basics, unless a check is to be started.
  const openedId = enterprise?.id;
  useEffect(() => {
    setTab('basics');
    setAutoStart(false);
    setQrOpen(false);
  }, [openedId]);
  useEffect(() => {
    if (!startCheck || !openedId) return;
    setTab('checks');
    setAutoStart(true);
    onCheckStarted?.();
  }, [startCheck, openedId, onCheckStarted]);
  const autoStarted = useCallback(() => setAutoStart(false), []);

  const id = enterprise?.id;
  const refresh = useCallback(() => {
    if (!id) return;
    setTick((n) => n + 1);
    api.get<Enterprise>(`/api/v1/enterprises/${id}`)
      .then((e) => {
        setCurrent(e);
        onChanged?.(e);
      })
      .catch(() => undefined);
  }, [id, onChanged]);

  const e = current;
  return (
    <Drawer
      title={e ? <Space>{t(km.enterpriseDetail)}<span>{e.name}</span><RiskLevelTag level={e.riskLevel} testId="enterprise-detail-title-level" /></Space> : ''}
      open={!!enterprise}
      onClose={onClose}
      size={860}
      destroyOnHidden
      data-testid="enterprise-detail"
      extra={e && (
        <Space>
          <Button icon={<QrcodeOutlined />} onClick={() => setQrOpen(true)} data-testid="enterprise-detail-qr">{t(cm.qr)}</Button>
          {onEdit && can('enterprises:write') && (
            <Button icon={<EditOutlined />} onClick={() => onEdit(e)} data-testid="enterprise-detail-edit">{t(common.edit)}</Button>
          )}
        </Space>
      )}
    >
      {e && (
        <Tabs
          data-testid="enterprise-detail-tabs"
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basics', label: t(km.basics), children: <Basics e={e} /> },
            { key: 'licences', label: <span data-testid="enterprise-tab-licences">{t(km.tabLicences)}{e.licencesExpiring > 0 && <Tag color="orange" style={{ marginInlineStart: 6 }}>{e.licencesExpiring}</Tag>}</span>, children: <LicencesTab enterpriseId={e.id} writable={can('enterprises:write')} onChanged={refresh} /> },
            { key: 'points', label: <span data-testid="enterprise-tab-points">{t(km.tabPoints)} ({e.riskPointCount})</span>, children: <EnterprisePoints enterpriseId={e.id} writable={can('risks:write')} onChanged={refresh} reloadKey={reloadKey} /> },
            { key: 'hazards', label: <span data-testid="enterprise-tab-hazards">{t(km.tabHazards)} ({e.majorHazardCount})</span>, children: <EnterpriseHazards enterpriseId={e.id} writable={can('risks:write')} onChanged={refresh} reloadKey={reloadKey} /> },
            { key: 'checks', label: <span data-testid="enterprise-tab-checks">{t(cm.tabChecks)}</span>, children: <CheckEnterpriseTab enterpriseId={e.id} autoStart={autoStart} onAutoStarted={autoStarted} /> },
            { key: 'history', label: <span data-testid="enterprise-tab-history">{t(km.tabHistory)}</span>, children: <HistoryList entityType="org" entityId={e.id} reloadKey={reloadKey + tick} /> },
          ]}
        />
      )}
      <EnterpriseQrModal enterprise={qrOpen && e ? e : null} onClose={() => setQrOpen(false)} />
    </Drawer>
  );
}
