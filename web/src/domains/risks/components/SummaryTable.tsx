/** The four-colour summary (GET /api/v1/risks/summary) as a table with coloured count columns and a total row. */
import type { HTMLAttributes } from 'react';
import { Table, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n.tsx';
import { km, RISK_COLOUR_LABELS, RISK_HEX, RISK_LEVELS, RISK_TEXT_HEX, UNASSESSED_HEX } from '../messages.ts';
import type { RiskLevel, SummaryRow } from '../types.ts';

function Count({ n, bg, fg, testId }: { n: number; bg: string; fg: string; testId: string }) {
  if (!n) return <span style={{ color: '#cbd5e1' }} data-testid={testId} data-count={0}>0</span>;
  return (
    <span data-testid={testId} data-count={n} style={{ display: 'inline-block', minWidth: 26, padding: '0 6px', borderRadius: 4, background: bg, color: fg, textAlign: 'center', fontWeight: 600 }}>{n}</span>
  );
}

const levelHead = (label: string, color: string) => (
  <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
    <span style={{ width: 10, height: 10, borderRadius: 2, background: color }} />{label}
  </span>
);

export function SummaryTable({ rows, loading }: { rows: SummaryRow[]; loading: boolean }) {
  const { t } = useI18n();
  const total = (f: (r: SummaryRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const pointsText = (p: SummaryRow['points']) => RISK_LEVELS.map((l) => p[l]).join(' / ');
  return (
    <Table<SummaryRow>
      data-testid="risk-summary-table"
      rowKey="key"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ y: 320 }}
      onRow={(r) => ({ 'data-testid': 'risk-summary-row', 'data-key': r.key }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t(km.summaryName), dataIndex: 'name', key: 'name', ellipsis: { showTitle: true }, render: (v: string) => <span data-testid="risk-summary-name" title={v}>{v}</span> },
        { title: t(km.summaryEnterprises), dataIndex: 'enterprises', key: 'enterprises', width: 60, align: 'right' },
        ...RISK_LEVELS.map((l: RiskLevel) => ({
          title: levelHead(t(RISK_COLOUR_LABELS[l]), RISK_HEX[l]), dataIndex: l, key: l, width: 50, align: 'center' as const,
          render: (v: number) => <Count n={v} bg={RISK_HEX[l]} fg={RISK_TEXT_HEX[l]} testId={`risk-summary-${l}`} />,
        })),
        {
          title: levelHead(t(km.unassessedShort), UNASSESSED_HEX), dataIndex: 'unassessed', key: 'unassessed', width: 74, align: 'center',
          render: (v: number) => <Count n={v} bg={UNASSESSED_HEX} fg="#fff" testId="risk-summary-unassessed" />,
        },
        {
          title: t(km.summaryPoints), key: 'points', width: 104, align: 'center',
          render: (_v, r) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{pointsText(r.points)}</Typography.Text>,
        },
      ]}
      summary={() => (rows.length > 1 ? (
        <Table.Summary fixed>
          <Table.Summary.Row data-testid="risk-summary-total">
            <Table.Summary.Cell index={0}><b>{t(km.summaryTotal)}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><b>{total((r) => r.enterprises)}</b></Table.Summary.Cell>
            {RISK_LEVELS.map((l, i) => (
              <Table.Summary.Cell key={l} index={2 + i} align="center"><Count n={total((r) => r[l])} bg={RISK_HEX[l]} fg={RISK_TEXT_HEX[l]} testId={`risk-summary-total-${l}`} /></Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={6} align="center"><Count n={total((r) => r.unassessed)} bg={UNASSESSED_HEX} fg="#fff" testId="risk-summary-total-unassessed" /></Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="center">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {RISK_LEVELS.map((l) => total((r) => r.points[l])).join(' / ')}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      ) : null)}
    />
  );
}
