import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { Notification } from '../lib/types.ts';
import { shell } from './messages.ts';

const POLL_MS = 60_000;

/** The bell: unread count from GET /api/v1/notifications, polled; a popover lists the latest. */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      const r = await api.get<{ items: Notification[]; unread: number }>('/api/v1/notifications');
      setItems(r.items);
      setUnread(r.unread);
    } catch (err) {
      console.warn('notifications failed', err);
    }
  }, []);

  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(id);
  }, [load]);

  const openItem = async (n: Notification) => {
    if (!n.readAt) {
      await api.post(`/api/v1/notifications/${n.id}/read`).catch(() => undefined);
      void load();
    }
    if (n.link) {
      setOpen(false);
      if (n.link.startsWith('/')) navigate(n.link);
      else window.open(n.link, '_blank', 'noopener');
    }
  };

  const readAll = async () => {
    await api.post('/api/v1/notifications/read-all').catch(() => undefined);
    void load();
  };

  const content = (
    <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }} data-testid="notifications-panel">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(shell.notificationsEmpty)} />
      ) : (
        items.map((n) => (
          <div
            key={n.id}
            data-testid="notification-item"
            onClick={() => void openItem(n)}
            style={{ padding: '8px 4px', borderBottom: '1px solid #f0f0f0', cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
          >
            <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
            {n.body && <div style={{ fontSize: 12, color: '#555' }}>{n.body}</div>}
            <div style={{ fontSize: 12, color: '#999' }}>{formatDateTime(n.createdAt, locale)}</div>
          </div>
        ))
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void load();
      }}
      placement="bottomRight"
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>{t(shell.notifications)}{unread > 0 ? ` · ${t(shell.unreadCount, { n: unread })}` : ''}</span>
          {unread > 0 && <Button size="small" type="link" onClick={() => void readAll()}>{t(shell.markAllRead)}</Button>}
        </div>
      }
      content={content}
    >
      <Button type="text" aria-label={t(shell.notifications)} data-testid="notifications-bell" style={{ color: 'inherit' }}>
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellOutlined style={{ fontSize: 18, color: 'rgba(255,255,255,0.9)' }} />
        </Badge>
      </Button>
    </Popover>
  );
}
