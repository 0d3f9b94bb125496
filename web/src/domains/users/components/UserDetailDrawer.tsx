import { Descriptions, Drawer, Space, Tabs, Tag } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { Attachments } from '../../../components/Attachments.tsx';
import { HistoryList } from '../../../components/HistoryList.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { User } from '../../../lib/types.ts';
import { um } from '../messages.ts';

/** A user's record and its own change history (GET /api/v1/history/user/:id). */
export function UserDetailDrawer({ user, onClose, reloadKey }: { user: User | null; onClose: () => void; reloadKey: number }) {
  const { t, locale } = useI18n();
  const { roleLabel, can } = useAuth();
  return (
    <Drawer open={!!user} onClose={onClose} size={640} title={user ? `${t(um.detail)} · ${user.displayName}` : ''} destroyOnHidden data-testid="user-detail">
      {user && (
        <>
          <Descriptions column={2} size="small" bordered data-testid="user-detail-fields">
            <Descriptions.Item label={t(um.username)}>{user.username}</Descriptions.Item>
            <Descriptions.Item label={t(um.displayName)}>{user.displayName}</Descriptions.Item>
            <Descriptions.Item label={t(um.roles)} span={2}>
              <Space size={[4, 4]} wrap>{user.roles.map((r) => <Tag key={r} color="blue">{roleLabel(r)}</Tag>)}</Space>
            </Descriptions.Item>
            <Descriptions.Item label={t(um.region)}>{user.regionName}</Descriptions.Item>
            <Descriptions.Item label={t(um.org)}>{user.orgName ?? '—'}</Descriptions.Item>
            {user.industries.length > 0 && <Descriptions.Item label={t(um.industries)} span={2}>{user.industries.join(', ')}</Descriptions.Item>}
            <Descriptions.Item label={t(um.phone)}>{user.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(um.email)}>{user.email ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(um.status)}>
              <Tag color={user.status === 'active' ? 'green' : 'default'}>{t(user.status === 'active' ? um.active : um.disabled)}</Tag>
              {user.locked && <Tag color="red">{t(um.locked)}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t(um.lastLoginAt)}>{formatDateTime(user.lastLoginAt, locale)}</Descriptions.Item>
            <Descriptions.Item label={t(common.createdAt)}>{formatDateTime(user.createdAt, locale)}</Descriptions.Item>
            <Descriptions.Item label={t(common.updatedAt)}>{formatDateTime(user.updatedAt, locale)}</Descriptions.Item>
          </Descriptions>
          <Tabs
            style={{ marginTop: 16 }}
            items={[
              { key: 'history', label: t(common.history), children: <HistoryList entityType="user" entityId={user.id} reloadKey={reloadKey} /> },
              ...(can('attachments:read') ? [{ key: 'files', label: t(common.attachments), children: <Attachments ownerType="user" ownerId={user.id} canUpload={can('attachments:write')} /> }] : []),
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
