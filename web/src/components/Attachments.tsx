/**
 * Attachments of one record: list (GET /api/v1/attachments?ownerType&ownerId), upload (multipart POST
 * with ownerType and ownerId before the file, plus the CSRF header) and download links.
 */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Empty, Table, Upload, type UploadProps } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, currentCsrfToken, errorMessage } from '../lib/api.ts';
import { formatBytes, formatDateTime } from '../lib/format.ts';
import { common, defineMessages, useI18n } from '../lib/i18n.tsx';
import type { Attachment } from '../lib/types.ts';

const m = defineMessages({
  upload: ['上传附件', 'Upload a file'],
  uploaded: ['已上传 {name}', 'Uploaded {name}'],
  uploadFailed: ['上传失败：{msg}', 'Upload failed: {msg}'],
  accepted: ['支持 JPEG、PNG、WebP、PDF、DOCX、XLSX', 'JPEG, PNG, WebP, PDF, DOCX and XLSX are accepted'],
  file: ['文件', 'File'],
  size: ['大小', 'Size'],
  by: ['上传人', 'Uploaded by'],
  at: ['上传时间', 'Uploaded'],
});

const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx';

export function Attachments({ ownerType, ownerId, canUpload = true }: { ownerType: string; ownerId: string; canUpload?: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<Attachment[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await api.get<Attachment[]>('/api/v1/attachments', { ownerType, ownerId }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [ownerType, ownerId]);

  useEffect(() => {
    void load();
  }, [load]);

  const csrf = currentCsrfToken();
  const uploadProps: UploadProps = {
    name: 'file',
    action: '/api/v1/attachments',
    accept: ACCEPT,
    withCredentials: true,
    showUploadList: false,
    // antd appends `data` fields before the file, as the server requires.
    data: { ownerType, ownerId },
    headers: { ...(csrf ? { 'x-csrf-token': csrf } : {}), 'Accept-Language': locale },
    onChange: (info) => {
      if (info.file.status === 'done') {
        message.success(t(m.uploaded, { name: info.file.name }));
        void load();
      } else if (info.file.status === 'error') {
        const body = info.file.response as { detail?: string } | undefined;
        message.error(t(m.uploadFailed, { msg: body?.detail ?? info.file.error?.message ?? '' }));
      }
    },
  };

  return (
    <div data-testid="attachments">
      {canUpload && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 8 }}>
          <Upload {...uploadProps}>
            <Button icon={<UploadOutlined />} data-testid="attachments-upload">{t(m.upload)}</Button>
          </Upload>
          <span style={{ color: '#888', fontSize: 12 }}>{t(m.accepted)}</span>
        </div>
      )}
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />}
      {!error && !loading && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(common.none)} />
      ) : (
        <Table<Attachment>
          size="small"
          rowKey="id"
          loading={loading}
          pagination={false}
          dataSource={items}
          onRow={() => ({ 'data-testid': 'attachment-row' }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t(m.file), dataIndex: 'filename', key: 'filename', ellipsis: true,
              render: (_v, a) => (
                <a href={`/api/v1/attachments/${a.id}/content`} target="_blank" rel="noreferrer" data-testid="attachment-link">
                  <PaperClipOutlined /> {a.filename}
                </a>
              ),
            },
            { title: t(m.size), dataIndex: 'sizeBytes', key: 'size', width: 90, render: (v: number) => formatBytes(v) },
            { title: t(m.by), dataIndex: 'createdByName', key: 'by', width: 110 },
            { title: t(m.at), dataIndex: 'createdAt', key: 'at', width: 150, render: (v: string) => formatDateTime(v, locale) },
          ]}
        />
      )}
    </div>
  );
}
