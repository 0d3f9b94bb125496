/**
 * An enterprise's printable QR code (GET /api/v1/enterprises/{id}/qr.svg; a scan opens its file and
 * starts a check). The SVG is fetched like every API call — the session cookie, the UI language for
 * its caption, a readable error — and shown from an object URL, which 下载 saves and 打印 prints
 * alone on a page.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Modal, Space, Spin, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { errorMessage, rawRequest } from '../../../lib/api.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { cm } from '../messages.ts';

/** File name from the server's Content-Disposition (`inline; filename*=UTF-8''…`), else a fallback. */
function filenameOf(header: string | null, fallback: string): string {
  const star = header && /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* the fallback */
    }
  }
  return fallback;
}

/** Prints an image alone on a page through a hidden frame (the app's own page stays as it is). */
function printImage(url: string, title: string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0' });
  document.body.appendChild(frame);
  const doc = frame.contentDocument;
  const win = frame.contentWindow;
  if (!doc || !win) {
    frame.remove();
    return;
  }
  doc.title = title;
  const style = doc.createElement('style');
  style.textContent = '@page { margin: 15mm } body { margin: 0; display: flex; justify-content: center; } img { width: 90mm; height: auto; }';
  doc.head.appendChild(style);
  const img = doc.createElement('img');
  img.alt = title;
  img.onload = () => {
    win.focus();
    win.print();
    setTimeout(() => frame.remove(), 1000);
  };
  img.src = url;
  doc.body.appendChild(img);
}

export function EnterpriseQrModal({ enterprise, onClose }: { enterprise: { id: string; name: string } | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [qr, setQr] = useState<{ url: string; filename: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = enterprise?.id;
  const name = enterprise?.name ?? '';

  useEffect(() => {
    setQr(null);
    setError(null);
    if (!id) return;
    let live = true;
    let url: string | null = null;
    rawRequest(`/api/v1/enterprises/${id}/qr.svg`)
      .then(async (res) => {
        const filename = filenameOf(res.headers.get('content-disposition'), `${name}-QR.svg`);
        const blob = await res.blob();
        if (!live) return;
        url = URL.createObjectURL(blob);
        setQr({ url, filename });
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, name, locale]);

  const download = () => {
    if (!qr) return;
    const a = document.createElement('a');
    a.href = qr.url;
    a.download = qr.filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  return (
    <Modal
      title={t(cm.qrTitle, { name })}
      open={!!enterprise}
      onCancel={onClose}
      destroyOnHidden
      width={460}
      data-testid="enterprise-qr-modal"
      footer={
        <Space>
          <Button onClick={onClose}>{t(common.close)}</Button>
          <Button icon={<DownloadOutlined />} disabled={!qr} onClick={download} data-testid="enterprise-qr-download">{t(cm.download)}</Button>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!qr} onClick={() => qr && printImage(qr.url, name)} data-testid="enterprise-qr-print">{t(cm.print)}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />}
      {!qr && !error && <Spin style={{ display: 'block', margin: '40px auto' }} />}
      {qr && (
        <div style={{ textAlign: 'center' }}>
          <img src={qr.url} alt={name} style={{ width: 300, maxWidth: '100%', height: 'auto', border: '1px solid #e2e8f0' }} data-testid="enterprise-qr-image" />
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t(cm.qrHelp)}</Typography.Paragraph>
    </Modal>
  );
}
