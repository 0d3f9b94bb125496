/** Industry codes (GB/T 4754 门类 and 大类) from the dictionary, as a multi-select. */
import { useEffect, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { api } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { DictItem, Page } from '../lib/types.ts';

let cache: Promise<DictItem[]> | null = null;

function loadIndustries(): Promise<DictItem[]> {
  if (!cache) {
    cache = api.get<Page<DictItem>>('/api/v1/dictionaries/items', { dict: 'industry', pageSize: 200, sort: 'code' })
      .then((r) => r.items)
      .catch((err: unknown) => {
        cache = null;
        throw err;
      });
  }
  return cache;
}

export function IndustrySelect(props: SelectProps<string[]>) {
  const { locale } = useI18n();
  const [items, setItems] = useState<DictItem[]>([]);
  useEffect(() => {
    let live = true;
    loadIndustries().then((x) => live && setItems(x)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      maxTagCount="responsive"
      options={items.map((i) => ({
        value: i.code,
        label: `${i.code} ${locale === 'en-US' && i.nameEn ? i.nameEn : i.name}`,
      }))}
      {...props}
    />
  );
}
