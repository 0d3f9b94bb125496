/**
 * Form control for a region's boundary in the edit drawer: keep it, replace it from a GeoJSON file
 * (parsed and checked here, see ../boundary.ts) or clear it. The value says which; an unreadable file
 * gives an 'invalid' value that the form item's rule turns into a field error.
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { Alert, Button, Space, Tag } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useI18n, type Msg, type Vars } from '../../../lib/i18n.tsx';
import type { RegionDetail } from '../../../lib/types.ts';
import { nearBBox, parseBoundary, type BoundaryGeometry, type BoundaryProblem, type ParsedBoundary } from '../boundary.ts';
import { rm } from '../messages.ts';

export type BoundaryValue =
  | { kind: 'keep' }
  | { kind: 'clear' }
  | { kind: 'new'; file: string; parsed: ParsedBoundary }
  | { kind: 'invalid'; message: string };

const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function problemText(t: (m: Msg, v?: Vars) => string, p: BoundaryProblem): string {
  switch (p.problem) {
    case 'json': return t(rm.bJson);
    case 'featureCount': return t(rm.bFeatureCount, { n: p.n });
    case 'geometryType': return t(rm.bGeometryType, { type: p.type });
    case 'coordinates': return t(rm.bCoordinates);
    case 'range': return t(rm.bRange, { lon: p.lon, lat: p.lat });
    case 'ring': return t(rm.bRing);
    case 'tooLarge': return t(rm.bTooLarge, { kb: p.kb });
  }
}

/** A small outline of the uploaded shape, so a wrong file is obvious before saving. */
function Preview({ geometry, bbox }: { geometry: BoundaryGeometry; bbox: [number, number, number, number] }) {
  const W = 120, H = 90, pad = 4;
  const [w, s, e, n] = bbox;
  // Degrees of longitude are shorter than degrees of latitude away from the equator.
  const kx = Math.cos(((s + n) / 2) * Math.PI / 180);
  const spanX = Math.max((e - w) * kx, 1e-9);
  const spanY = Math.max(n - s, 1e-9);
  const k = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
  const ox = (W - spanX * k) / 2, oy = (H - spanY * k) / 2;
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const d = polys.flatMap((p) => p.map((r) => `M${r.map(([x, y]) => `${(ox + (x - w) * kx * k).toFixed(1)},${(oy + (n - y) * k).toFixed(1)}`).join('L')}Z`)).join('');
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} style={{ background: '#f8fafc', border: '1px solid #e2e8f0', borderRadius: 4, flex: 'none' }} aria-hidden>
      <path d={d} fill="#60a5fa" fillOpacity={0.25} stroke="#2563eb" strokeWidth={1} fillRule="evenodd" />
    </svg>
  );
}

export function BoundaryInput({ value = { kind: 'keep' }, onChange, region, id }: { value?: BoundaryValue; onChange?: (v: BoundaryValue) => void; region: RegionDetail; id?: string }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);

  const current = region.hasBoundary ? (region.boundaryApprox ? t(rm.approx) : t(rm.hasBoundary)) : t(rm.noBoundary);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file can be chosen again
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      onChange?.({ kind: 'invalid', message: t(rm.boundaryFileTooBig, { mb: (file.size / 1048576).toFixed(1) }) });
      return;
    }
    setReading(true);
    try {
      const r = parseBoundary(await file.text());
      onChange?.(r.ok ? { kind: 'new', file: file.name, parsed: r.value } : { kind: 'invalid', message: problemText(t, r.error) });
    } catch (err) {
      onChange?.({ kind: 'invalid', message: t(rm.boundaryReadFailed, { msg: err instanceof Error ? err.message : String(err) }) });
    } finally {
      setReading(false);
    }
  };

  const centre = region.centre?.coordinates;
  const far = value.kind === 'new' && centre && !nearBBox(value.parsed.bbox, centre[0], centre[1]);
  const undo = <Button size="small" type="link" onClick={() => onChange?.({ kind: 'keep' })} data-testid="region-form-boundary-undo">{t(rm.boundaryUndo)}</Button>;

  return (
    <div id={id}>
      <Space wrap>
        <Tag color={region.hasBoundary ? (region.boundaryApprox ? 'orange' : 'green') : undefined}>{t(rm.boundaryCurrent, { state: current })}</Tag>
        <Button icon={<UploadOutlined />} loading={reading} onClick={() => input.current?.click()} data-testid="region-form-boundary-upload">
          {t(rm.boundaryUpload)}
        </Button>
        {region.hasBoundary && (
          <Button danger icon={<DeleteOutlined />} disabled={value.kind === 'clear'} onClick={() => onChange?.({ kind: 'clear' })} data-testid="region-form-boundary-clear">
            {t(rm.boundaryClear)}
          </Button>
        )}
      </Space>
      <input
        ref={input}
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        style={{ display: 'none' }}
        onChange={(e) => void onFile(e)}
        data-testid="region-form-boundary-file"
      />
      {value.kind === 'new' && (
        <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', marginTop: 8 }}>
          <Preview geometry={value.parsed.geometry} bbox={value.parsed.bbox} />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Alert
              type="info"
              showIcon
              data-testid="region-form-boundary-new"
              title={t(rm.boundaryNew, { file: value.file, type: value.parsed.geometry.type, polygons: value.parsed.polygons, vertices: value.parsed.vertices })}
              action={undo}
            />
            {far && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t(rm.boundaryFarFromCentre)} data-testid="region-form-boundary-far" />}
          </div>
        </div>
      )}
      {value.kind === 'clear' && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t(rm.boundaryWillClear)} action={undo} />}
    </div>
  );
}
