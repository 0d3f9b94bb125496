/** The device token of a newly registered sensor: shown this once (the server keeps only its hash). */
import { Alert, Button, Modal, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n.tsx';
import { mm } from '../messages.ts';
import type { CreatedSensor } from '../types.ts';

export function DeviceTokenModal({ sensor, onClose }: { sensor: CreatedSensor | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={!!sensor}
      title={sensor ? `${t(mm.tokenTitle)} · ${sensor.code}` : ''}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      data-testid="sensor-token-modal"
      footer={<Button type="primary" onClick={onClose} data-testid="sensor-token-done">{t(mm.tokenDone)}</Button>}
    >
      {sensor?.deviceToken ? (
        <>
          <Alert type="warning" showIcon title={t(mm.tokenWarn)} style={{ marginBottom: 16 }} />
          <Typography.Paragraph
            copyable={{ text: sensor.deviceToken, tooltips: [t(mm.tokenTitle), t(mm.tokenCopied)] }}
            style={{ fontFamily: 'monospace', fontSize: 15, background: '#f1f5f9', padding: '8px 12px', borderRadius: 6, wordBreak: 'break-all' }}
          >
            <span data-testid="sensor-token">{sensor.deviceToken}</span>
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t(mm.tokenUsage)}</Typography.Text>
        </>
      ) : sensor && <Alert type="info" showIcon title={t(mm.tokenShared)} />}
    </Modal>
  );
}
