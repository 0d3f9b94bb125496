/**
 * 检查表 (隐患排查): the checklists (reference data everyone with risks:read reads) with the industries
 * they apply to, their items and how often they were used; a checklist opens in a drawer with its
 * items and legal basis. The county bureau and the departments create and edit them; an unused one
 * can be deleted (the server refuses a used one and says why).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { IndustrySelect } from '../../../components/IndustrySelect.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { useDict } from '../../resources/dicts.ts';
import { mayWriteTemplates } from '../checks.ts';
import { CheckTemplateFormDrawer } from '../components/CheckTemplateFormDrawer.tsx';
import { HazardGradeTag } from '../components/HazardTags.tsx';
import { CATEGORY_LABELS, cm } from '../messages.ts';
import type { CheckItem, CheckTemplate } from '../types.ts';

/** The industries a checklist applies to (the first `max`, the rest in a tooltip), the hazchem flag, or 通用. */
function Applies({ x, max }: { x: CheckTemplate; max?: number }) {
  const { t } = useI18n();
  const industries = useDict('industry');
  const name = (c: string) => (industries.label(c) !== c ? `${c} ${industries.label(c)}` : c);
  const shown = max === undefined ? x.industryCodes : x.industryCodes.slice(0, max);
  const rest = x.industryCodes.slice(shown.length);
  return (
    <Space size={[2, 2]} wrap>
      {x.forHazchem && <Tag color="volcano">{t(cm.forHazchemShort)}</Tag>}
      {shown.map((c) => <Tag key={c}>{name(c)}</Tag>)}
      {rest.length > 0 && (
        <Tooltip title={rest.map(name).join('、')}>
          <Tag>{t(cm.industriesMore, { n: rest.length })}</Tag>
        </Tooltip>
      )}
      {!x.forHazchem && !x.industryCodes.length && <Tag color="blue">{t(cm.generalTemplate)}</Tag>}
    </Space>
  );
}

function DeleteButton({ x, onDeleted, link }: { x: CheckTemplate; onDeleted: () => void; link?: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const used = x.recordCount > 0;
  const button = (
    <Button type={link ? 'link' : 'default'} size={link ? 'small' : 'middle'} danger icon={link ? undefined : <DeleteOutlined />} disabled={used} data-testid="check-template-delete">
      {t(cm.delete)}
    </Button>
  );
  if (used) return <Tooltip title={t(cm.deleteUsed)}>{button}</Tooltip>;
  return (
    <Popconfirm
      title={t(cm.deleteConfirm, { name: x.name })}
      okText={t(cm.delete)}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'check-template-delete-ok' } as Record<`data-${string}`, string>) }}
      onConfirm={async () => {
        try {
          await api.del(`/api/v1/check-templates/${x.id}`);
          message.success(t(cm.templateDeleted, { name: x.name }));
          onDeleted();
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      {button}
    </Popconfirm>
  );
}

/** One checklist: its facts and items with their legal basis. */
function TemplateDrawer({ template, writable, onClose, onEdit, onDeleted }: {
  template: CheckTemplate | null;
  writable: boolean;
  onClose: () => void;
  onEdit: (x: CheckTemplate) => void;
  onDeleted: () => void;
}) {
  const { t, locale } = useI18n();
  const x = template;
  return (
    <Drawer
      title={x?.name ?? ''}
      open={!!x}
      onClose={onClose}
      size={960}
      destroyOnHidden
      data-testid="check-template-drawer"
      extra={x && writable && (
        <Space>
          <Button icon={<EditOutlined />} onClick={() => onEdit(x)} data-testid="check-template-drawer-edit">{t(common.edit)}</Button>
          <DeleteButton x={x} onDeleted={onDeleted} />
        </Space>
      )}
    >
      {x && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t(cm.industries)} span={2}><Applies x={x} /></Descriptions.Item>
            {x.description && <Descriptions.Item label={t(cm.templateDescription)} span={2}>{x.description}</Descriptions.Item>}
            <Descriptions.Item label={t(cm.itemCount)}>{x.itemCount}</Descriptions.Item>
            <Descriptions.Item label={t(cm.recordCount)}>{x.recordCount}</Descriptions.Item>
            <Descriptions.Item label={t(common.updatedAt)} span={2}>{formatDateTime(x.updatedAt, locale)}</Descriptions.Item>
          </Descriptions>
          <Table<CheckItem>
            style={{ marginTop: 16 }}
            rowKey="no"
            size="small"
            pagination={false}
            dataSource={[...x.items].sort((a, b) => a.no - b.no)}
            data-testid="check-template-drawer-items"
            columns={[
              { title: t(cm.itemNo), dataIndex: 'no', key: 'no', width: 56, align: 'center' },
              { title: t(cm.content), dataIndex: 'content', key: 'content' },
              { title: t(cm.basis), dataIndex: 'basis', key: 'basis', width: 280, render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
              { title: t(cm.gradeHintLabel), dataIndex: 'grade', key: 'grade', width: 100, render: (v: CheckItem['grade']) => (v ? <HazardGradeTag grade={v} /> : '—') },
              { title: t(cm.categoryHintLabel), dataIndex: 'category', key: 'category', width: 130, render: (v: CheckItem['category']) => (v ? t(CATEGORY_LABELS[v]) : '—') },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

export default function CheckTemplatesPage() {
  const { t, locale } = useI18n();
  const { can, user } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [industry, setIndustry] = useState<string[]>([]);
  const [hazchem, setHazchem] = useState<string | undefined>();
  const [viewing, setViewing] = useState<CheckTemplate | null>(null);
  const [form, setForm] = useState<{ template: CheckTemplate | null } | null>(null);
  const writable = can('hazards:write') && mayWriteTemplates(user);

  const reload = useCallback(() => tableRef.current?.reload(), []);
  const afterDelete = useCallback(() => {
    setViewing(null);
    reload();
  }, [reload]);

  const columns = useMemo<TableColumnsType<CheckTemplate>>(() => [
    {
      title: t(cm.templateName), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true, width: 320,
      render: (v: string, x) => (
        <Space size={4}>
          <Typography.Link onClick={() => setViewing(x)} data-testid="check-template-open">{v}</Typography.Link>
          {x.isDemo && <Tag color="orange">{t(cm.demo)}</Tag>}
        </Space>
      ),
    },
    { title: t(cm.industries), key: 'industries', width: 340, render: (_v, x) => <Applies x={x} max={3} /> },
    { title: t(cm.itemCount), dataIndex: 'itemCount', key: 'itemCount', width: 90, align: 'right' },
    { title: t(cm.recordCount), dataIndex: 'recordCount', key: 'recordCount', width: 90, align: 'right' },
    { title: t(common.updatedAt), dataIndex: 'updatedAt', key: 'updatedAt', sorter: true, width: 150, render: (v: string) => formatDateTime(v, locale) },
    {
      title: t(common.actions), key: 'actions', width: writable ? 170 : 80, fixed: 'right',
      render: (_v, x) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(x)}>{t(cm.viewItems)}</Button>
          {writable && <Button type="link" size="small" onClick={() => setForm({ template: x })} data-testid="check-template-edit">{t(common.edit)}</Button>}
          {writable && <DeleteButton x={x} onDeleted={afterDelete} link />}
        </Space>
      ),
    },
  ], [t, locale, writable, afterDelete]);

  return (
    <Card title={t(cm.templatesTitle)} data-testid="check-templates-page">
      <DataTable<CheckTemplate>
        ref={tableRef}
        testId="check-templates-table"
        endpoint="/api/v1/check-templates"
        rowKey="id"
        columns={columns}
        filters={{ industry: industry[0], forHazchem: hazchem }}
        searchPlaceholder={t(cm.templatesSearch)}
        scrollX={1180}
        toolbar={
          <>
            <IndustrySelect maxCount={1} placeholder={t(cm.industries)} style={{ width: 220 }} value={industry} onChange={(v) => setIndustry(v ?? [])} data-testid="check-templates-filter-industry" />
            <Select allowClear placeholder={t(cm.forHazchemShort)} style={{ width: 150 }} value={hazchem} onChange={(v) => setHazchem(v ?? undefined)} data-testid="check-templates-filter-hazchem"
              options={[{ value: 'true', label: `${t(cm.forHazchemShort)}：${t(common.yes)}` }, { value: 'false', label: `${t(cm.forHazchemShort)}：${t(common.no)}` }]} />
          </>
        }
        actions={writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ template: null })} data-testid="check-templates-create">{t(cm.templateCreate)}</Button>
        )}
      />
      <TemplateDrawer
        template={viewing}
        writable={writable}
        onClose={() => setViewing(null)}
        onEdit={(x) => setForm({ template: x })}
        onDeleted={afterDelete}
      />
      <CheckTemplateFormDrawer
        open={!!form}
        template={form?.template ?? null}
        onClose={() => setForm(null)}
        onSaved={(x) => {
          reload();
          setViewing((v) => (v?.id === x.id ? x : v));
        }}
      />
    </Card>
  );
}
