/**
 * The resource map's popup: name and key figures of the clicked point (team, warehouse, equipment,
 * expert or shelter) and a link that opens the record's detail drawer.
 */
import type { ReactNode } from 'react';
import { Button, Card, Descriptions, Tag } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n, type Msg } from '../../../lib/i18n.tsx';
import { rm } from '../messages.ts';
import { shm } from '../messages-shelters.ts';
import type { Equipment, Expert, Shelter, Team, Warehouse } from '../types.ts';
import { EquipmentStatusTag } from './EquipmentDrawers.tsx';
import { AvailabilityTag } from './ExpertDrawers.tsx';
import { formatPoint } from './shared.tsx';
import { OccupancyBar, ShelterKindTag, ShelterStatusTag } from './ShelterTags.tsx';
import { WarehouseLevelTag } from './StockTags.tsx';
import { TeamStatusTag } from './TeamDetailDrawer.tsx';

export type MapKind = 'team' | 'warehouse' | 'equipment' | 'expert' | 'shelter';

export type MapRecord =
  | { kind: 'team'; item: Team }
  | { kind: 'warehouse'; item: Warehouse }
  | { kind: 'equipment'; item: Equipment }
  | { kind: 'expert'; item: Expert }
  | { kind: 'shelter'; item: Shelter };

export const MAP_KIND_LABELS: Record<MapKind, Msg> = {
  team: rm.layerTeams, warehouse: shm.layerWarehouses, equipment: rm.layerEquipment, expert: rm.layerExperts, shelter: shm.layerShelters,
};

const contact = (name: string | null, phone: string | null) => (name ?? '—') + (phone ? ` · ${phone}` : '');

function Figures({ record, specialtyLabel }: { record: MapRecord; specialtyLabel: (c: string) => string }) {
  const { t, locale } = useI18n();
  const rows: [Msg, ReactNode][] = [];
  switch (record.kind) {
    case 'team': {
      const x = record.item;
      rows.push([rm.status, <TeamStatusTag status={x.status} />], [rm.specialties, x.specialties.map(specialtyLabel).join('、')], [rm.headcount, x.headcount],
        [rm.region, x.regionName], [rm.leaderName, contact(x.leaderName, x.leaderPhone)], [rm.dutyPhone, x.dutyPhone ?? '—'], [rm.baseAddress, x.baseAddress ?? '—'],
        [rm.base, formatPoint(x.base, '—')]);
      break;
    }
    case 'warehouse': {
      const x = record.item;
      rows.push([shm.level, <WarehouseLevelTag level={x.level} />], [rm.region, x.regionName], [shm.managerName, contact(x.managerName, x.managerPhone)],
        [shm.batchCount, x.batchCount], [shm.address, x.address ?? '—']);
      break;
    }
    case 'equipment': {
      const x = record.item;
      rows.push([rm.type, `${x.type}${x.model ? ` · ${x.model}` : ''}`], [rm.quantity, x.quantity], [rm.status, <EquipmentStatusTag value={x.status} />],
        [rm.org, x.orgName ?? x.regionName], [rm.contactName, contact(x.contactName, x.contactPhone)]);
      break;
    }
    case 'expert': {
      const x = record.item;
      rows.push([rm.availability, <AvailabilityTag value={x.availability} />], [rm.title, x.title ?? '—'], [rm.employer, x.employer ?? '—'], [rm.phone, x.phone ?? '—']);
      break;
    }
    case 'shelter': {
      const x = record.item;
      rows.push([shm.kind, <span><ShelterKindTag kind={x.kind} /><ShelterStatusTag status={x.status} /></span>],
        [shm.occupancy, <OccupancyBar occupancy={x.occupancy} capacity={x.capacity} />], [shm.free, formatNumber(x.free, locale)],
        [rm.region, x.regionName], [shm.managerName, contact(x.managerName, x.managerPhone)], [shm.address, x.address ?? '—']);
      break;
    }
  }
  return (
    <Descriptions column={1} size="small">
      {rows.map(([label, value]) => <Descriptions.Item key={label[0]} label={t(label)}>{value}</Descriptions.Item>)}
    </Descriptions>
  );
}

export function MapFeatureCard({ record, specialtyLabel, onClose, onOpen }: {
  record: MapRecord;
  specialtyLabel: (c: string) => string;
  onClose: () => void;
  onOpen: (r: MapRecord) => void;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      data-testid="resource-feature-card"
      data-kind={record.kind}
      title={<span><Tag>{t(MAP_KIND_LABELS[record.kind])}</Tag>{record.item.name}</span>}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t(common.close)} data-testid="resource-feature-close" />}
      style={{ position: 'absolute', top: 8, left: 8, width: 340, maxHeight: 'calc(100% - 16px)', overflow: 'auto', boxShadow: '0 2px 8px rgba(0,0,0,.2)', zIndex: 2 }}
    >
      <Figures record={record} specialtyLabel={specialtyLabel} />
      <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => onOpen(record)} data-testid="resource-feature-open">{t(rm.openDetail)}</Button>
    </Card>
  );
}
