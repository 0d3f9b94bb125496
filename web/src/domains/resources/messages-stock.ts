/**
 * Texts of the warehouse, material catalogue, stock ledger and stock alert pages, and the labels of
 * their enums (mirroring WAREHOUSE_LEVELS, RESERVE_MODES, MOVEMENT_KINDS and ALERT_KINDS in
 * server/src/modules/resources/{warehouses,stock,decision}.ts).
 */
import { defineMessages, type Msg } from '../../lib/i18n.tsx';

export const sm = defineMessages({
  // warehouses
  warehousesTitle: ['应急物资仓库', 'Warehouses'],
  warehouseCreate: ['新建仓库', 'New warehouse'],
  warehouseEdit: ['编辑仓库', 'Edit warehouse'],
  warehouseDetail: ['仓库详情', 'Warehouse details'],
  warehouseName: ['仓库名称', 'Warehouse'],
  level: ['级别', 'Level'],
  filterLevel: ['按级别筛选', 'Filter by level'],
  filterRegion: ['按区域筛选', 'Filter by region'],
  warehouseSearch: ['仓库名称、地址或管理员', 'Name, address or manager'],
  ownerOrg: ['所属单位 / 代储企业', 'Owner / reserve enterprise'],
  ownerOrgRequired: ['协议代储须指定代储企业', 'An agreement reserve belongs to an enterprise'],
  managerName: ['管理员', 'Manager'],
  managerPhone: ['管理员电话', 'Manager phone'],
  managerUser: ['管理员账号（接收库存通知）', 'Manager account (gets stock notices)'],
  managerUserHint: ['选择系统用户后，库存低于最低储备或临期时会收到站内通知', 'The chosen user is notified in-app when stock falls below its minimum or nears expiry'],
  address: ['地址', 'Address'],
  areaM2: ['面积（㎡）', 'Area (m²)'],
  batchCount: ['在库批次', 'Batches in stock'],
  pickOnMap: ['在地图上点击选取位置，或直接输入经纬度', 'Click the map to pick the location, or type the coordinates'],
  clearLocation: ['清除位置', 'Clear location'],
  warehouseCreated: ['已创建仓库 {name}', 'Warehouse {name} created'],
  warehouseSaved: ['已保存仓库 {name}', 'Warehouse {name} saved'],
  tabStock: ['库存批次', 'Stock batches'],
  tabMinimums: ['最低储备', 'Minimum stock'],
  tabHistory: ['变更记录', 'Change history'],
  minimumsHint: [
    '为本仓库的某种物资设置最低储备量：可用（未过期）库存低于该值时列入库存预警，并通知仓库管理员。设为 0 即取消。',
    'Set the minimum stock of a material in this warehouse: when usable (unexpired) stock falls below it, it is listed as an alert and the manager is notified. 0 removes the threshold.',
  ],
  minQuantity: ['最低储备量', 'Minimum quantity'],
  minimumSave: ['设置', 'Set'],
  minimumSaved: ['已将 {material} 的最低储备设为 {n}', 'Minimum stock of {material} set to {n}'],
  minimumCleared: ['已取消 {material} 的最低储备', 'Minimum stock of {material} removed'],
  belowMinimumNow: ['当前低于最低储备的物资', 'Materials now below their minimum'],
  belowMinimumNone: ['本仓库没有低于最低储备的物资', 'No material of this warehouse is below its minimum'],
  // materials
  materialsTitle: ['物资目录', 'Material catalogue'],
  materialCreate: ['新增物资', 'New material'],
  materialName: ['物资名称', 'Material'],
  category: ['物资分类（GB/T 38565）', 'Category (GB/T 38565)'],
  categoryCode: ['分类代码', 'Category code'],
  categoryName: ['分类', 'Category'],
  filterCategory: ['按分类筛选', 'Filter by category'],
  spec: ['规格', 'Spec'],
  unit: ['单位', 'Unit'],
  shelfLifeDays: ['保质期（天）', 'Shelf life (days)'],
  materialSearch: ['物资名称或规格', 'Name or spec'],
  materialCreated: ['已新增物资 {name}', 'Material {name} added'],
  materialCountyOnly: ['物资目录由县级统一维护，乡镇和企业账号只能查看', 'The catalogue is kept by the county; township and enterprise accounts can only read it'],
  // stock ledger
  stockTitle: ['库存台账', 'Stock ledger'],
  tabBatches: ['库存批次', 'Stock batches'],
  tabMovements: ['出入库记录', 'Movements'],
  warehouse: ['仓库', 'Warehouse'],
  material: ['物资', 'Material'],
  batchNo: ['批次号', 'Batch'],
  quantity: ['数量', 'Quantity'],
  productionDate: ['生产日期', 'Produced'],
  expiryDate: ['有效期至', 'Expires'],
  reserveMode: ['储备方式', 'Reserve mode'],
  filterWarehouse: ['按仓库筛选', 'Filter by warehouse'],
  filterMaterial: ['按物资筛选', 'Filter by material'],
  filterReserveMode: ['按储备方式筛选', 'Filter by reserve mode'],
  filterKind: ['按类型筛选', 'Filter by kind'],
  filterExpiry: ['按有效期筛选', 'Filter by expiry'],
  expiryWithin: ['{n} 天内到期（含已过期）', 'Expiring within {n} days (incl. expired)'],
  inStockOnly: ['仅显示有库存的批次', 'Only batches in stock'],
  batchSearch: ['物资、批次号或仓库', 'Material, batch or warehouse'],
  movementSearch: ['单据号、物资、去向或事由', 'Document, material, destination or reason'],
  expired: ['已过期', 'Expired'],
  expiringIn: ['剩 {n} 天', '{n} days left'],
  expiresToday: ['今天到期', 'Expires today'],
  docNo: ['单据号', 'Document'],
  kind: ['类型', 'Kind'],
  delta: ['数量变动', 'Change'],
  balanceAfter: ['结存', 'Balance'],
  destination: ['去向', 'Destination'],
  reason: ['事由', 'Reason'],
  operator: ['经办人', 'Operator'],
  time: ['时间', 'Time'],
  trace: ['追溯', 'Trace'],
  more: ['更多', 'More'],
  dateRange: ['时间范围', 'Period'],
  // movement form
  movementTitle: ['出入库登记', 'Record a stock movement'],
  movementKind: ['业务类型', 'Movement'],
  batch: ['批次', 'Batch'],
  batchPick: ['选择仓库中的批次（可按物资、批次号或仓库搜索）', 'Choose a batch (search by material, batch or warehouse)'],
  batchHas: ['当前库存 {n} {unit}', 'In stock: {n} {unit}'],
  quantityPositive: ['数量须大于 0，最多两位小数', 'The quantity must be above 0 with at most two decimals'],
  quantityOver: ['超出该批次库存（{n}）', 'More than the batch holds ({n})'],
  countedQuantity: ['盘点实存数量', 'Counted quantity'],
  countedSame: ['与账面数量一致，无需调整', 'Matches the books; nothing to adjust'],
  destinationType: ['去向类型', 'Destination type'],
  destIncident: ['突发事件', 'Incident'],
  destRecipient: ['领用单位 / 领用人', 'Recipient'],
  destIncidentName: ['事件名称', 'Incident'],
  destIncidentId: ['事件编号（可选）', 'Incident reference (optional)'],
  destRecipientName: ['领用单位 / 领用人', 'Recipient'],
  destRecipientId: ['证件号或联系电话（可选）', 'ID or phone (optional)'],
  toWarehouse: ['调入仓库', 'To warehouse'],
  toWarehouseSame: ['调入仓库不能与调出仓库相同', 'Choose a warehouse other than the source'],
  newBatchNo: ['新批次号', 'New batch'],
  newBatchSame: ['轮换入库须使用新批次号', 'The new batch needs a new number'],
  docNoOptional: ['单据号（留空自动生成）', 'Document number (generated when empty)'],
  docNoFormat: ['单据号为 4–40 位字母、数字、- 或 _', 'A document number has 4–40 letters, digits, - or _'],
  reasonRequired: ['事由', 'Reason'],
  expiryBeforeProduction: ['有效期早于生产日期', 'Expiry before production'],
  rotateHint: ['轮换：临期批次出库，同等数量的新批次入库，同一张单据。', 'Rotation: near-expiry stock goes out and the same quantity of a new batch comes in, under one document.'],
  transferHint: ['调拨：调出与调入在同一事务中完成，调入批次沿用批次号和有效期。', 'Transfer: both sides in one transaction; the receiving batch keeps the batch number and dates.'],
  adjustHint: ['盘点：把批次数量调整为实存数量，差额记入台账。', 'Stock-take: the batch is set to the counted quantity and the difference is recorded.'],
  receiveHint: ['同一仓库、物资和批次号已存在时计入该批次，否则新建批次。', 'Receipts into an existing warehouse/material/batch number add to that batch; otherwise a new batch is created.'],
  movementDone: ['{kind}已登记，单据号 {docNo}', '{kind} recorded, document {docNo}'],
  // trace
  traceTitle: ['批次追溯', 'Batch trace'],
  traceOrigin: ['来源', 'Origin'],
  traceOriginHint: ['本批次由调拨或轮换而来，以下为上游批次的记录', 'This batch came by transfer or rotation; the upstream batch\'s movements follow'],
  traceMovements: ['本批次出入库', 'Movements of this batch'],
  traceEmpty: ['没有出入库记录', 'No movements'],
  traceIn: ['入', 'in'],
  traceOut: ['出', 'out'],
  traceSummary: ['累计入库 {inn}，累计出库 {out}，结存 {bal} {unit}', 'In {inn}, out {out}, balance {bal} {unit}'],
  // alerts
  alertsTitle: ['库存预警', 'Stock alerts'],
  alertKind: ['预警类型', 'Alert'],
  days: ['临期天数', 'Expiring within (days)'],
  daysSuffix: ['天内到期', 'days'],
  minQty: ['最低储备', 'Minimum'],
  available: ['可用 / 数量', 'Usable / quantity'],
  shortBy: ['缺口 {n}', 'Short by {n}'],
  alertsCount: ['共 {n} 条预警', '{n} alerts'],
  alertsEmpty: ['没有库存预警', 'No stock alerts'],
});

export const WAREHOUSE_LEVELS = ['county', 'township', 'village', 'agreement'] as const;
export const WAREHOUSE_LEVEL_LABELS: Record<string, Msg> = {
  county: ['县级储备库', 'County reserve'],
  township: ['乡镇储备点', 'Township reserve'],
  village: ['村级储备点', 'Village reserve'],
  agreement: ['协议代储', 'Agreement reserve'],
};
export const WAREHOUSE_LEVEL_COLORS: Record<string, string> = { county: 'red', township: 'blue', village: 'green', agreement: 'purple' };

export const RESERVE_MODES = ['physical', 'agreement', 'capacity'] as const;
export const RESERVE_MODE_LABELS: Record<string, Msg> = { physical: ['实物储备', 'Physical'], agreement: ['协议储备', 'Agreement'], capacity: ['产能储备', 'Production capacity'] };
export const RESERVE_MODE_COLORS: Record<string, string> = { physical: 'default', agreement: 'purple', capacity: 'cyan' };

/** The six forms of the movement drawer (POST /api/v1/stock/<form>). */
export const MOVEMENT_FORMS = ['receive', 'issue', 'transfer', 'adjust', 'scrap', 'rotate'] as const;
export type MovementForm = (typeof MOVEMENT_FORMS)[number];
export const MOVEMENT_FORM_LABELS: Record<MovementForm, Msg> = {
  receive: ['入库', 'Receive'], issue: ['出库', 'Issue'], transfer: ['调拨', 'Transfer'],
  adjust: ['盘点', 'Stock-take'], scrap: ['报废', 'Scrap'], rotate: ['轮换', 'Rotate'],
};

/** Ledger row kinds (stock_movement.kind). */
export const MOVEMENT_KINDS = ['in', 'out', 'transfer_out', 'transfer_in', 'adjust', 'scrap', 'rotate_out', 'rotate_in'] as const;
export const MOVEMENT_KIND_LABELS: Record<string, Msg> = {
  in: ['入库', 'Receipt'], out: ['出库', 'Issue'], transfer_out: ['调拨出库', 'Transfer out'], transfer_in: ['调拨入库', 'Transfer in'],
  adjust: ['盘点调整', 'Stock-take'], scrap: ['报废', 'Scrap'], rotate_out: ['轮换出库', 'Rotation out'], rotate_in: ['轮换入库', 'Rotation in'],
};
export const MOVEMENT_KIND_COLORS: Record<string, string> = {
  in: 'green', out: 'red', transfer_out: 'orange', transfer_in: 'cyan', adjust: 'blue', scrap: 'default', rotate_out: 'gold', rotate_in: 'lime',
};

export const ALERT_KINDS = ['below_minimum', 'expiring', 'expired'] as const;
export const ALERT_KIND_LABELS: Record<string, Msg> = { below_minimum: ['低于最低储备', 'Below minimum'], expiring: ['临期', 'Expiring'], expired: ['已过期', 'Expired'] };
export const ALERT_KIND_COLORS: Record<string, string> = { below_minimum: 'volcano', expiring: 'orange', expired: 'red' };

/** Common units of issue for the catalogue form (free text is allowed). */
export const MATERIAL_UNITS = ['顶', '床', '张', '个', '件', '套', '箱', '袋', '条', '台', '把', '只', '双', '桶', '吨', '千克', '米', '卷', '瓶', '盒'];
