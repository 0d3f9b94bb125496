/**
 * Create (POST /api/v1/teams) and edit (PATCH /api/v1/teams/:id) a rescue team. The rules mirror
 * TeamCreateSchema (server/src/modules/resources/teams.ts); server field errors land on the fields.
 */
import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Select } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, minLen, phoneRule, required } from '../../../lib/validators.ts';
import { enumOptions, useDict } from '../dicts.ts';
import { rm, TEAM_CATEGORIES, TEAM_CATEGORY_LABELS } from '../messages.ts';
import type { Team } from '../types.ts';
import { LngLatItems, toPoint } from './shared.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';

interface TeamFormValues {
  name: string;
  category: string;
  specialties: string[];
  headcount: number | null;
  regionCode: string;
  orgId: string | null;
  leaderName: string;
  leaderPhone: string;
  dutyPhone: string;
  baseAddress: string;
  lng: number | null;
  lat: number | null;
  note: string;
}

const FIELDS = ['name', 'category', 'specialties', 'headcount', 'regionCode', 'orgId', 'leaderName', 'leaderPhone', 'dutyPhone', 'baseAddress', 'base', 'lng', 'lat', 'note'] as const;

export function TeamFormDrawer({ open, team, onClose, onSaved }: { open: boolean; team: Team | null; onClose: () => void; onSaved: (t: Team) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const specialties = useDict('team_specialty');
  const [form] = Form.useForm<TeamFormValues>();
  const editing = !!team;
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: FIELDS,
    save: async (v) => {
      const body = {
        name: v.name.trim(),
        category: v.category,
        specialties: v.specialties,
        headcount: v.headcount ?? 0,
        regionCode: v.regionCode,
        orgId: v.orgId ?? null,
        leaderName: emptyToNull(v.leaderName),
        leaderPhone: emptyToNull(v.leaderPhone),
        dutyPhone: emptyToNull(v.dutyPhone),
        baseAddress: emptyToNull(v.baseAddress),
        base: toPoint(v.lng, v.lat),
        note: emptyToNull(v.note),
      };
      const saved = await saveRecord<Team>('/api/v1/teams', team?.id, body);
      message.success(t(editing ? rm.teamSaved : rm.teamCreated, { name: saved.name }));
      onSaved(saved);
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (team) {
      form.setFieldsValue({
        name: team.name, category: team.category, specialties: team.specialties, headcount: team.headcount, regionCode: team.regionCode,
        orgId: team.orgId, leaderName: team.leaderName ?? '', leaderPhone: team.leaderPhone ?? '', dutyPhone: team.dutyPhone ?? '',
        baseAddress: team.baseAddress ?? '', lng: team.base?.coordinates[0] ?? null, lat: team.base?.coordinates[1] ?? null, note: team.note ?? '',
      });
    } else {
      form.setFieldsValue({ regionCode: me?.regionCode, specialties: [], orgId: null });
    }
  }, [open, team, form, me, setError]);

  return (
    <FormDrawer title={t(editing ? rm.teamEdit : rm.teamCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="team" size={600}>
      <Form form={form} layout="vertical" data-testid="team-form" autoComplete="off">
        <Form.Item name="name" label={t(rm.teamName)} rules={[required(t, rm.teamName), minLen(t, rm.teamName, 2), maxLen(t, rm.teamName, 100)]}>
          <Input data-testid="team-form-name" maxLength={100} />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="category" label={t(rm.category)} rules={[required(t, rm.category, true)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Select data-testid="team-form-category" options={enumOptions(TEAM_CATEGORIES, TEAM_CATEGORY_LABELS, t)} />
          </Form.Item>
          <Form.Item
            name="headcount"
            label={t(rm.headcount)}
            rules={[{ required: true, type: 'integer', min: 0, max: 100000, message: t(common.required, { field: t(rm.headcount) }) }]}
            style={{ width: 160 }}
          >
            <InputNumber data-testid="team-form-headcount" min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item
          name="specialties"
          label={t(rm.specialties)}
          rules={[required(t, rm.specialties, 'multi'), { type: 'array', max: 16, message: t(rm.specialtiesMax) }]}
        >
          <Select
            mode="multiple"
            allowClear
            data-testid="team-form-specialties"
            showSearch={{ optionFilterProp: 'label' }}
            options={specialties.options}
          />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="regionCode" label={t(rm.region)} rules={[required(t, rm.region, true)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <RegionTreeSelect data-testid="team-form-regionCode" />
          </Form.Item>
          <Form.Item name="orgId" label={t(rm.org)} style={{ flex: 1 }}>
            <OrgSelect data-testid="team-form-orgId" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex' }}>
          <Form.Item name="leaderName" label={t(rm.leaderName)} rules={[maxLen(t, rm.leaderName, 30)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="team-form-leaderName" maxLength={30} />
          </Form.Item>
          <Form.Item name="leaderPhone" label={t(rm.leaderPhone)} rules={[phoneRule(t)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="team-form-leaderPhone" maxLength={20} />
          </Form.Item>
          <Form.Item name="dutyPhone" label={t(rm.dutyPhone)} rules={[phoneRule(t)]} style={{ flex: 1 }}>
            <Input data-testid="team-form-dutyPhone" maxLength={20} />
          </Form.Item>
        </div>
        <Form.Item name="baseAddress" label={t(rm.baseAddress)} rules={[maxLen(t, rm.baseAddress, 200)]}>
          <Input data-testid="team-form-baseAddress" maxLength={200} />
        </Form.Item>
        <LngLatItems testIdPrefix="team-form" label={t(rm.base)} />
        <Form.Item name="note" label={t(rm.note)} rules={[maxLen(t, rm.note, 1000)]}>
          <Input.TextArea data-testid="team-form-note" maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
