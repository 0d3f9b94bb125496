/**
 * Texts of the shelter, coverage and resource-map pages, and the labels of their enums (mirroring
 * SHELTER_KINDS, SHELTER_SPACES, SHELTER_FACILITIES and the shelter_log kinds in
 * server/src/modules/resources/shelters.ts).
 */
import { defineMessages, type Msg } from '../../lib/i18n.tsx';

/** Navigation entries (used by app/nav.tsx). */
export const snav = defineMessages({
  shelters: ['避难场所', 'Shelters'],
  coverage: ['保障能力', 'Coverage'],
});

export const shm = defineMessages({
  // list
  sheltersTitle: ['应急避难场所', 'Emergency shelters'],
  shelterCreate: ['新建避难场所', 'New shelter'],
  shelterEdit: ['编辑避难场所', 'Edit shelter'],
  shelterDetail: ['避难场所详情', 'Shelter details'],
  shelterName: ['场所名称', 'Shelter'],
  kind: ['场所类别', 'Class'],
  space: ['空间类型', 'Space'],
  filterKind: ['按类别筛选', 'Filter by class'],
  filterRegion: ['按区域筛选', 'Filter by region'],
  shelterSearch: ['场所名称、地址或管理员', 'Name, address or manager'],
  address: ['地址', 'Address'],
  areaM2: ['有效避难面积（㎡）', 'Effective area (m²)'],
  capacity: ['容量（人）', 'Capacity (people)'],
  capacityShort: ['容量', 'Capacity'],
  occupancy: ['当前安置', 'Occupancy'],
  free: ['剩余可安置', 'Free places'],
  perCapita: ['人均面积', 'Area per person'],
  perCapitaValue: ['{v} ㎡/人', '{v} m²/person'],
  facilities: ['设施', 'Facilities'],
  managerName: ['管理员', 'Manager'],
  managerPhone: ['管理员电话', 'Manager phone'],
  statusChangedAt: ['状态变更时间', 'Status since'],
  overCapacity: ['超容 {n} 人', '{n} over capacity'],
  people: ['{n} 人', '{n}'],
  shelterCreated: ['已创建避难场所 {name}', 'Shelter {name} created'],
  shelterSaved: ['已保存避难场所 {name}', 'Shelter {name} saved'],
  pickOnMap: ['在地图上点击选取位置，或直接输入经纬度', 'Click the map to pick the location, or type the coordinates'],
  clearLocation: ['清除位置', 'Clear location'],
  capacityRule: ['容量为 0–1,000,000 的整数', 'The capacity is a whole number from 0 to 1,000,000'],
  // detail: status and occupancy
  openShelter: ['开放场所', 'Open the shelter'],
  closeShelter: ['关闭场所', 'Close the shelter'],
  openTitle: ['开放避难场所 · {name}', 'Open the shelter · {name}'],
  closeTitle: ['关闭避难场所 · {name}', 'Close the shelter · {name}'],
  statusReason: ['原因（可选）', 'Reason (optional)'],
  opened: ['避难场所已开放', 'The shelter is open'],
  closed: ['避难场所已关闭', 'The shelter is closed'],
  closeNeedsEmpty: ['仍有人员在场，须全部登记离开后才能关闭', 'People are still inside; check them all out before closing'],
  occupancyTitle: ['安置登记', 'Occupancy'],
  closedHint: ['避难场所未开放，开放后才能登记入住或离开', 'The shelter is closed; open it to record check-ins and check-outs'],
  count: ['人数', 'People'],
  countRule: ['人数为 1–100,000 的整数', 'Between 1 and 100,000 people'],
  reason: ['说明', 'Reason'],
  reasonPlaceholder: ['如：鄯善镇东区转移群众', 'e.g. residents moved from the east district'],
  checkIn: ['登记入住', 'Check in'],
  checkOut: ['登记离开', 'Check out'],
  checkedIn: ['已登记入住 {n} 人，现安置 {occ}/{cap} 人', '{n} checked in; {occ}/{cap} now'],
  checkedOut: ['已登记离开 {n} 人，现安置 {occ}/{cap} 人', '{n} checked out; {occ}/{cap} now'],
  overrideConfirm: ['确认超容安置', 'Confirm the over-capacity placement'],
  overrideHint: ['勾选后再次登记入住；超容安置记入安置记录与审计日志，须填写原因。', 'Tick it and check in again; the override is kept in the shelter log and the audit trail and needs a reason.'],
  overrideReasonRequired: ['超容安置须填写原因', 'An override needs a reason'],
  // detail: tabs and log
  tabLog: ['安置记录', 'Occupancy log'],
  tabHistory: ['变更记录', 'Change history'],
  logKind: ['类型', 'Kind'],
  logCount: ['人数', 'People'],
  logAfter: ['登记后安置', 'Occupancy after'],
  logOverride: ['超容', 'Override'],
  logReason: ['原因/说明', 'Reason'],
  logActor: ['操作人', 'By'],
  logAt: ['时间', 'When'],
  logEmpty: ['暂无开放、入住或离开记录', 'No openings, check-ins or check-outs yet'],
  // coverage
  coverageTitle: ['保障能力', 'Coverage'],
  coverageHint: [
    '可保障人数 = 各物资现有可用库存（实物储备与协议代储，不含产能储备与过期批次）÷ 人均标准，取最小值；与预案规划保障目标对比。',
    'Supportable people = usable stock of each kit material (physical and agreement reserves, not capacity reserves or expired batches) ÷ the per-person quantity, the smallest of these; compared with the plan target.',
  ],
  coverageRegion: ['区域', 'Region'],
  population: ['常住人口', 'Population'],
  supportable: ['可保障人数', 'Supportable people'],
  target: ['保障目标', 'Target'],
  ratio: ['保障率', 'Coverage'],
  limiting: ['限制物资', 'Limiting material'],
  teams: ['救援队伍', 'Teams'],
  teamHeadcount: ['队伍人数', 'Team headcount'],
  teamsPer10k: ['每万人队伍数', 'Teams per 10,000'],
  shelterPlaces: ['避难场所 已安置/容量', 'Sheltered / shelter places'],
  kit: ['人均保障物资标准', 'Per-person kit'],
  kitEmpty: ['尚未设置人均保障物资标准，无法计算可保障人数', 'No per-person kit is set, so supportable people cannot be computed'],
  perPersonValue: ['{q} {unit}/人', '{q} {unit}/person'],
  noTarget: ['未设目标', 'No target'],
  chartTitle: ['可保障人数与保障目标', 'Supportable people and targets'],
  items: ['分物资可保障人数', 'Supportable people by material'],
  available: ['可用库存', 'Usable stock'],
  supports: ['可保障', 'Supports'],
  material: ['物资', 'Material'],
  settings: ['保障标准设置', 'Coverage settings'],
  settingsHint: ['仅县级账号可修改；修改记入审计日志。', 'Only county-level accounts may change these; changes are audited.'],
  perPerson: ['每人所需数量', 'Per person'],
  kitAdd: ['添加物资', 'Add material'],
  remove: ['删除', 'Remove'],
  targetsTitle: ['保障目标（人）', 'Targets (people)'],
  targetAdd: ['添加目标', 'Add target'],
  targetPeople: ['规划保障人数', 'People'],
  settingsSaved: ['已保存保障标准与目标', 'Coverage settings saved'],
  duplicateMaterial: ['同一物资只能设置一次', 'Each material once'],
  duplicateRegion: ['同一区域只能设置一个目标', 'Each region once'],
  perPersonRule: ['每人数量须大于 0 且不超过 1000', 'More than 0 and at most 1000'],
  peopleRule: ['人数为 0–10,000,000 的整数', 'A whole number from 0 to 10,000,000'],
  chartUnavailable: ['图表加载失败：{msg}', 'The chart failed to load: {msg}'],
  // map
  layerWarehouses: ['物资仓库', 'Warehouses'],
  layerShelters: ['避难场所', 'Shelters'],
  clusterHint: ['带数字的圆圈为聚合点（数字为个数），点击放大', 'Numbered circles are clusters (the number of points); click one to zoom in'],
  clusterLegend: ['聚合', 'cluster'],
  nearbyTitle: ['附近资源', 'Nearby resources'],
  tabTeams: ['最近队伍', 'Teams'],
  tabWarehouses: ['物资仓库', 'Warehouses'],
  tabShelters: ['有余位的场所', 'Shelters with room'],
  needItems: ['所需物资及数量', 'Items and quantities needed'],
  needItemsRequired: ['请至少选择一种物资并填写数量', 'Choose at least one material and its quantity'],
  quantity: ['数量', 'Quantity'],
  coversAllOnly: ['只看能满足全部数量的仓库', 'Only warehouses holding all of it'],
  warehousesSubmit: ['查询储有物资的仓库', 'Find warehouses holding these'],
  warehousesFound: ['找到 {n} 个仓库', '{n} warehouses found'],
  warehousesEmpty: ['附近没有储有这些物资的仓库', 'No nearby warehouse holds these items'],
  coversAll: ['满足全部', 'Holds all'],
  coversPart: ['部分满足', 'Partly'],
  availableOf: ['{name}：可用 {a} / 需 {n} {unit}', '{name}: {a} of {n} {unit}'],
  minFree: ['至少余位（人）', 'Free places at least'],
  shelterKinds: ['场所类别（可选）', 'Classes (optional)'],
  shelterStatus: ['开放状态', 'Open or closed'],
  openOnly: ['只看已开放', 'Open only'],
  anyStatus: ['全部（关闭的可随时开放）', 'All (closed ones can be opened)'],
  sheltersSubmit: ['查询有余位的场所', 'Find shelters with room'],
  sheltersFound: ['找到 {n} 处场所', '{n} shelters found'],
  sheltersEmpty: ['附近没有满足条件的避难场所', 'No nearby shelter has that much room'],
  freeOf: ['余位 {free} / 容量 {cap}', '{free} free of {cap}'],
  nearestWarehouses: ['储有物资的仓库', 'Warehouses holding the items'],
  nearestShelters: ['有余位的避难场所', 'Shelters with room'],
  openRecord: ['打开记录', 'Open the record'],
  level: ['级别', 'Level'],
  batchCount: ['在库批次', 'Batches in stock'],
});

export const SHELTER_KINDS = ['emergency', 'fixed', 'central'] as const;
export const SHELTER_KIND_LABELS: Record<string, Msg> = { emergency: ['紧急', 'Emergency'], fixed: ['固定', 'Fixed'], central: ['中心', 'Central'] };
export const SHELTER_KIND_COLORS: Record<string, string> = { emergency: 'orange', fixed: 'blue', central: 'red' };

export const SHELTER_SPACES = ['indoor', 'outdoor', 'mixed'] as const;
export const SHELTER_SPACE_LABELS: Record<string, Msg> = { indoor: ['室内', 'Indoor'], outdoor: ['室外', 'Outdoor'], mixed: ['室内外', 'Indoor and outdoor'] };

export const SHELTER_FACILITIES = ['water', 'power', 'toilet', 'medical', 'kitchen', 'broadcast', 'fire', 'storage'] as const;
export const SHELTER_FACILITY_LABELS: Record<string, Msg> = {
  water: ['供水', 'Water'], power: ['供电', 'Power'], toilet: ['厕所', 'Toilets'], medical: ['医疗救护', 'Medical'],
  kitchen: ['炊事', 'Kitchen'], broadcast: ['应急广播', 'Broadcast'], fire: ['消防', 'Fire fighting'], storage: ['物资储备', 'Supplies store'],
};

export const SHELTER_STATUSES = ['open', 'closed'] as const;
export const SHELTER_STATUS_LABELS: Record<string, Msg> = { open: ['开放', 'Open'], closed: ['关闭', 'Closed'] };
export const SHELTER_STATUS_COLORS: Record<string, string> = { open: 'green', closed: 'default' };

export const SHELTER_LOG_LABELS: Record<string, Msg> = { open: ['开放', 'Opened'], close: ['关闭', 'Closed'], check_in: ['入住', 'Check-in'], check_out: ['离开', 'Check-out'] };
export const SHELTER_LOG_COLORS: Record<string, string> = { open: 'green', close: 'default', check_in: 'blue', check_out: 'purple' };

/** Map colours. */
export const SHELTER_HEX = '#059669';
export const WAREHOUSE_HEX = '#d97706';
