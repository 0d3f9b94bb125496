import { defineMessages, type Msg } from '../../lib/i18n.tsx';

export const rm = defineMessages({
  title: ['行政区划', 'Regions'],
  tree: ['区划树', 'Region tree'],
  map: ['地图', 'Map'],
  detail: ['区划详情', 'Region details'],
  children: ['下级区划', 'Sub-regions'],
  code: ['统计用区划代码', 'Statistical code'],
  gbCode: ['GB/T 2260 代码', 'GB/T 2260 code'],
  name: ['名称', 'Name'],
  level: ['层级', 'Level'],
  kind: ['类别', 'Kind'],
  parent: ['上级区划', 'Parent'],
  population: ['人口', 'Population'],
  area: ['面积（km²）', 'Area (km²)'],
  boundary: ['边界', 'Boundary'],
  approx: ['近似边界', 'Approximate boundary'],
  noBoundary: ['无边界（仅中心点）', 'No boundary (centre only)'],
  hasBoundary: ['有边界', 'Has a boundary'],
  selfCoded: ['自编代码', 'Self-assigned code'],
  official: ['统计用代码', 'Official statistical code'],
  childCount: ['下级数', 'Sub-regions'],
  centre: ['中心点', 'Centre'],
  searchTree: ['搜索区划名称', 'Search regions'],
  searchPlaceholder: ['名称或代码', 'Name or code'],
  township: ['乡镇/园区', 'Township / park'],
  village: ['村/社区', 'Village / community'],
  selected: ['当前选中', 'Selected'],
  noChildren: ['村级区划没有下级', 'Villages have no sub-regions'],
  demoPopulation: ['人口为示意数据', 'Population figures are illustrative'],
});

/** Mirrors LEVEL_LABELS in server/src/modules/regions/service.ts. */
export const LEVEL_LABELS: Record<string, Msg> = defineMessages({
  province: ['省级', 'Province'],
  prefecture: ['地级', 'Prefecture'],
  county: ['县级', 'County'],
  township: ['乡级（乡镇/园区）', 'Township / park'],
  village: ['村级（村/社区）', 'Village / community'],
});
