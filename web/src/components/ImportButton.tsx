/**
 * 导入 for a ledger: a modal with the template download, a .xlsx picker and the upload
 * (POST /api/v1/{kind}/import, multipart `file`, with the CSRF header). The import is all-or-nothing:
 * on 422 the row-by-row errors are listed (行, 列, 错误) and 下载错误报告 posts the same file to
 * /api/v1/{kind}/import/report.xlsx, which returns it with an added 错误 column (see docs/import.md).
 */
import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, download, errorMessage, rawRequest } from '../lib/api.ts';
import { common, defineMessages, useI18n } from '../lib/i18n.tsx';

const m = defineMessages({
  import: ['导入', 'Import'],
  title: ['从 Excel 批量导入', 'Import from Excel'],
  step1: ['下载模板，按“填写说明”表填写：带 * 的列为必填，填写前删除灰色示例行。', 'Download the template and fill it in as its instructions sheet says: columns marked * are required; delete the grey example row.'],
  step2: ['选择填好的 .xlsx 文件并导入。任何一行有错误时不导入任何数据，并按行列出全部错误。', 'Choose the filled-in .xlsx file and import it. If any row has an error nothing is imported, and every error is listed by row.'],
  template: ['下载模板', 'Download template'],
  choose: ['选择 .xlsx 文件', 'Choose an .xlsx file'],
  submit: ['开始导入', 'Import'],
  done: ['已导入 {n} 条记录', 'Imported {n} records'],
  row: ['行', 'Row'],
  column: ['列', 'Column'],
  error: ['错误', 'Error'],
  wholeRow: ['整行', 'Whole row'],
  report: ['下载错误报告', 'Download error report'],
  truncated: ['共 {total} 处错误，此处列出前 {shown} 处，完整列表见错误报告', '{total} errors; the first {shown} are listed here, the error report has all of them'],
});

interface RowError { row: number; column: string; key?: string; message: string }
interface ImportProblem { rowErrors?: RowError[]; errorCount?: number }

export interface ImportButtonProps {
  /** API collection: teams, experts, equipment, warehouses, materials, stock, shelters. */
  kind: string;
  /** Called after a successful import (reload the list). */
  onDone: () => void;
}

export function ImportButton({ kind, onDone }: ImportButtonProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'template' | 'import' | 'report' | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const [failure, setFailure] = useState<{ detail: string; rows: RowError[]; total: number } | null>(null);

  const reset = () => {
    setFile(null);
    setImported(null);
    setFailure(null);
  };

  const run = async <T,>(what: 'template' | 'import' | 'report', fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(what);
    try {
      return await fn();
    } finally {
      setBusy(null);
    }
  };

  const fetchTemplate = () => run('template', async () => {
    try {
      await download(`/api/v1/${kind}/import-template.xlsx`, undefined, `${kind}-template.xlsx`);
    } catch (err) {
      message.error(errorMessage(err));
    }
  });

  const upload = (path: string) => {
    const form = new FormData();
    form.append('file', file!, file!.name);
    return rawRequest(`/api/v1/${kind}/${path}`, { method: 'POST', body: form });
  };

  const submit = () => run('import', async () => {
    setImported(null);
    setFailure(null);
    try {
      const res = (await (await upload('import')).json()) as { imported: number };
      setImported(res.imported);
      setFile(null); // the same file is not imported twice by a second click
      message.success(t(m.done, { n: res.imported }));
      onDone();
    } catch (err) {
      const p = err instanceof ApiError ? (err.problem as ImportProblem) : {};
      setFailure({ detail: errorMessage(err), rows: p.rowErrors ?? [], total: p.errorCount ?? p.rowErrors?.length ?? 0 });
    }
  });

  const fetchReport = () => run('report', async () => {
    try {
      const res = await upload('import/report.xlsx');
      saveBlob(await res.blob(), dispositionName(res.headers.get('content-disposition')) ?? `${kind}-errors.xlsx`);
    } catch (err) {
      message.error(errorMessage(err));
    }
  });

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => { reset(); setOpen(true); }} data-testid={`${kind}-import`}>{t(m.import)}</Button>
      <Modal
        title={t(m.title)}
        open={open}
        width={760}
        destroyOnHidden
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="close" onClick={() => setOpen(false)} data-testid="import-close">{t(common.close)}</Button>,
          <Button key="submit" type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy === 'import'} onClick={() => void submit()} data-testid="import-submit">
            {t(m.submit)}
          </Button>,
        ]}
      >
        <div data-testid="import-modal">
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <div>
              <Typography.Paragraph style={{ marginBottom: 4 }}>1. {t(m.step1)}</Typography.Paragraph>
              <Button icon={<DownloadOutlined />} loading={busy === 'template'} onClick={() => void fetchTemplate()} data-testid="import-template">{t(m.template)}</Button>
            </div>
            <div>
              <Typography.Paragraph style={{ marginBottom: 4 }}>2. {t(m.step2)}</Typography.Paragraph>
              <Upload
                accept=".xlsx"
                maxCount={1}
                fileList={file ? [{ uid: 'import', name: file.name, status: 'done' }] : []}
                beforeUpload={(f) => {
                  setFile(f);
                  setImported(null);
                  setFailure(null);
                  return false;
                }}
                onRemove={() => reset()}
                data-testid="import-file"
              >
                <Button icon={<FileExcelOutlined />} data-testid="import-choose">{t(m.choose)}</Button>
              </Upload>
            </div>
            {imported !== null && <Alert type="success" showIcon title={t(m.done, { n: imported })} data-testid="import-done" />}
            {failure && (
              <>
                <Alert
                  type="error"
                  showIcon
                  title={failure.detail}
                  description={failure.total > failure.rows.length ? t(m.truncated, { total: failure.total, shown: failure.rows.length }) : undefined}
                  action={failure.rows.length > 0 && (
                    <Button size="small" icon={<DownloadOutlined />} loading={busy === 'report'} onClick={() => void fetchReport()} data-testid="import-report">{t(m.report)}</Button>
                  )}
                  data-testid="import-failed"
                />
                {failure.rows.length > 0 && (
                  <Table<RowError>
                    size="small"
                    rowKey={(e) => `${e.row}|${e.key ?? ''}|${e.message}`}
                    dataSource={failure.rows}
                    pagination={failure.rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                    onRow={() => ({ 'data-testid': 'import-error-row' }) as HTMLAttributes<HTMLElement>}
                    columns={[
                      { title: t(m.row), dataIndex: 'row', key: 'row', width: 64 },
                      { title: t(m.column), dataIndex: 'column', key: 'column', width: 150, render: (v: string) => v || t(m.wholeRow) },
                      { title: t(m.error), dataIndex: 'message', key: 'message' },
                    ]}
                    data-testid="import-errors"
                  />
                )}
              </>
            )}
          </Space>
        </div>
      </Modal>
    </>
  );
}

/** File name from Content-Disposition (filename* preferred). */
function dispositionName(header: string | null): string | null {
  const star = header && /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  return (header && /filename\s*=\s*"?([^";]+)"?/.exec(header)?.[1]) || null;
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
