/** The risk map's popup: an enterprise's name, level, risk points, major hazard grade and a link to its file. */
import { Button, Card, Descriptions, Space } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { km } from '../messages.ts';
import type { Enterprise } from '../types.ts';
import { GradeTag, RiskLevelTag } from './RiskTags.tsx';

export function EnterpriseMapCard({ enterprise: e, onClose, onOpen }: { enterprise: Enterprise; onClose: () => void; onOpen: (e: Enterprise) => void }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      data-testid="risk-map-card"
      data-level={e.riskLevel ?? 'none'}
      title={<span data-testid="risk-map-card-name">{e.name}</span>}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t(common.close)} data-testid="risk-map-card-close" />}
      style={{ position: 'absolute', top: 8, left: 8, width: 320, maxHeight: 'calc(100% - 16px)', overflow: 'auto', boxShadow: '0 2px 8px rgba(0,0,0,.2)', zIndex: 2 }}
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t(km.riskLevel)}><RiskLevelTag level={e.riskLevel} testId="risk-map-card-level" /></Descriptions.Item>
        <Descriptions.Item label={t(km.riskPointCount)}><span data-testid="risk-map-card-points">{e.riskPointCount}</span></Descriptions.Item>
        <Descriptions.Item label={t(km.majorHazardGrade)}>
          {e.majorHazardCount > 0 ? <Space size={4}><GradeTag grade={e.majorHazardGrade} testId="risk-map-card-grade" />× {e.majorHazardCount}</Space> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t(km.region)}>{e.regionName}</Descriptions.Item>
        {e.address && <Descriptions.Item label={t(km.address)}>{e.address}</Descriptions.Item>}
      </Descriptions>
      <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => onOpen(e)} data-testid="risk-map-card-open">{t(km.openEnterprise)}</Button>
    </Card>
  );
}
