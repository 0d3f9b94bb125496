import { useCallback, useMemo, useRef, useState } from 'react';
import { Button, Card, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { ImportButton } from '../../../components/ImportButton.tsx';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { MaterialFormDrawer } from '../components/MaterialFormDrawer.tsx';
import { categoryPrefix, MaterialCategorySelect, useMaterialCategories } from '../components/StockPickers.tsx';
import { rm } from '../messages.ts';
import { sm } from '../messages-stock.ts';
import type { Material } from '../types.ts';

export default function MaterialsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const categories = useMaterialCategories();
  const tableRef = useRef<DataTableHandle>(null);
  const [category, setCategory] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Material | null>(null);
  const writable = can('resources:write');

  const openForm = useCallback((m: Material | null) => {
    setEditing(m);
    setFormOpen(true);
  }, []);

  const prefix = useMemo(() => {
    if (!category) return undefined;
    const item = categories.items.find((i) => i.code === category);
    return item ? categoryPrefix(item.code, item.level) : category;
  }, [category, categories.items]);

  const columns = useMemo<TableColumnsType<Material>>(() => [
    { title: t(sm.categoryCode), dataIndex: 'categoryCode', key: 'categoryCode', sorter: true, width: 110, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t(sm.categoryName), dataIndex: 'categoryName', key: 'categoryName', width: 170, render: (_v: string | null, m) => <Tag>{categories.label(m.categoryCode)}</Tag> },
    { title: t(sm.materialName), dataIndex: 'name', key: 'name', sorter: true, width: 180 },
    { title: t(sm.spec), dataIndex: 'spec', key: 'spec', width: 160, render: (v: string | null) => v ?? '—' },
    { title: t(sm.unit), dataIndex: 'unit', key: 'unit', width: 80 },
    { title: t(sm.shelfLifeDays), dataIndex: 'shelfLifeDays', key: 'shelfLifeDays', width: 120, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t(rm.note), dataIndex: 'note', key: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
    ...(writable ? [{
      title: t(common.actions), key: 'actions', width: 80, fixed: 'right' as const,
      render: (_v: unknown, m: Material) => <Button type="link" size="small" onClick={() => openForm(m)} data-testid="material-edit">{t(common.edit)}</Button>,
    }] : []),
  ], [t, categories, writable, openForm]);

  return (
    <Card title={t(sm.materialsTitle)} data-testid="materials-page">
      <DataTable<Material>
        ref={tableRef}
        testId="materials-table"
        endpoint="/api/v1/materials"
        rowKey="id"
        columns={columns}
        filters={{ categoryCode: prefix }}
        searchPlaceholder={t(sm.materialSearch)}
        scrollX={writable ? 1080 : 1000}
        toolbar={
          <MaterialCategorySelect
            allowClear
            placeholder={t(sm.filterCategory)}
            style={{ width: 260 }}
            value={category}
            onChange={(v) => setCategory(v ?? undefined)}
            data-testid="materials-filter-category"
          />
        }
        actions={writable && (
          <>
            <ImportButton kind="materials" onDone={() => tableRef.current?.reload()} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} data-testid="materials-create">{t(sm.materialCreate)}</Button>
          </>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>{t(sm.materialCountyOnly)}</Typography.Paragraph>
      <MaterialFormDrawer
        open={formOpen}
        material={editing}
        onClose={() => setFormOpen(false)}
        onSaved={() => {
          setFormOpen(false);
          tableRef.current?.reload();
        }}
      />
    </Card>
  );
}
