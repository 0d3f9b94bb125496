import { defineMessages, type Msg } from '../../lib/i18n.tsx';

/** Navigation entries (used by app/nav.tsx). */
export const rnav = defineMessages({
  group: ['应急资源', 'Emergency resources'],
  teams: ['救援队伍', 'Rescue teams'],
  experts: ['应急专家', 'Experts'],
  equipment: ['大型装备', 'Large equipment'],
  map: ['资源一张图', 'Resource map'],
  warehouses: ['仓库', 'Warehouses'],
  materials: ['物资目录', 'Material catalogue'],
  stock: ['库存台账', 'Stock ledger'],
  stockAlerts: ['库存预警', 'Stock alerts'],
});

export const rm = defineMessages({
  // shared
  region: ['所属区域', 'Region'],
  org: ['所属单位', 'Organisation'],
  location: ['位置（经度, 纬度，WGS-84）', 'Location (longitude, latitude, WGS-84)'],
  lng: ['经度', 'Longitude'],
  lat: ['纬度', 'Latitude'],
  locationBoth: ['经度和纬度须同时填写', 'Enter both longitude and latitude'],
  noLocation: ['未标注位置', 'No location recorded'],
  note: ['备注', 'Note'],
  phone: ['电话', 'Phone'],
  basics: ['基本信息', 'Basics'],
  status: ['状态', 'Status'],
  filterStatus: ['按状态筛选', 'Filter by status'],
  // teams
  teamsTitle: ['救援队伍', 'Rescue teams'],
  teamCreate: ['新建队伍', 'New team'],
  teamEdit: ['编辑队伍', 'Edit team'],
  teamDetail: ['队伍详情', 'Team details'],
  teamName: ['队伍名称', 'Team name'],
  category: ['队伍类别', 'Category'],
  specialties: ['专长', 'Specialties'],
  specialtiesMax: ['最多 16 项专长', 'At most 16 specialties'],
  headcount: ['编制人数', 'Headcount'],
  memberCount: ['在册队员', 'Members'],
  leaderName: ['负责人', 'Leader'],
  leaderPhone: ['负责人电话', 'Leader phone'],
  dutyPhone: ['值班电话', 'Duty phone'],
  baseAddress: ['驻地地址', 'Base address'],
  base: ['驻地坐标（经度, 纬度）', 'Base (longitude, latitude)'],
  statusChangedAt: ['状态变更时间', 'Status since'],
  filterCategory: ['按类别筛选', 'Filter by category'],
  filterSpecialty: ['按专长筛选', 'Filter by specialty'],
  teamSearch: ['队伍名称、负责人或驻地', 'Team, leader or base'],
  teamCreated: ['已创建队伍 {name}', 'Team {name} created'],
  teamSaved: ['已保存队伍 {name}', 'Team {name} saved'],
  tabMembers: ['队员', 'Members'],
  tabStatus: ['状态记录', 'Status log'],
  tabHistory: ['变更记录', 'Change history'],
  memberName: ['姓名', 'Name'],
  memberPosition: ['职务', 'Position'],
  memberSkills: ['技能', 'Skills'],
  memberAdd: ['添加队员', 'Add member'],
  memberAdded: ['已添加队员 {name}', 'Member {name} added'],
  memberRemove: ['移除', 'Remove'],
  memberRemoveConfirm: ['确定移除队员 {name}？', 'Remove member {name}?'],
  memberRemoved: ['已移除队员 {name}', 'Member {name} removed'],
  membersEmpty: ['暂无队员', 'No members'],
  statusChange: ['变更状态', 'Change status'],
  statusNew: ['新状态', 'New status'],
  statusReason: ['原因', 'Reason'],
  statusSame: ['请选择与当前不同的状态', 'Choose a status other than the current one'],
  statusChanged: ['队伍状态已变更为 {status}', 'Team status changed to {status}'],
  statusHistoryEmpty: ['暂无状态变更记录', 'No status changes recorded'],
  changedBy: ['操作人', 'By'],
  changedAt: ['时间', 'When'],
  fromTo: ['变更', 'Change'],
  // experts
  expertsTitle: ['应急专家', 'Experts'],
  expertCreate: ['新建专家', 'New expert'],
  expertEdit: ['编辑专家', 'Edit expert'],
  expertDetail: ['专家详情', 'Expert details'],
  expertName: ['姓名', 'Name'],
  fields: ['专业领域', 'Fields'],
  fieldsMax: ['最多 12 个专业领域', 'At most 12 fields'],
  title: ['职称', 'Title'],
  employer: ['工作单位', 'Employer'],
  availability: ['可用状态', 'Availability'],
  filterAvailability: ['按可用状态筛选', 'Filter by availability'],
  filterField: ['按专业领域筛选', 'Filter by field'],
  expertSearch: ['姓名、单位或职称', 'Name, employer or title'],
  expertCreated: ['已创建专家 {name}', 'Expert {name} created'],
  expertSaved: ['已保存专家 {name}', 'Expert {name} saved'],
  // equipment
  equipmentTitle: ['大型装备', 'Large equipment'],
  equipmentCreate: ['新建装备', 'New equipment'],
  equipmentEdit: ['编辑装备', 'Edit equipment'],
  equipmentDetail: ['装备详情', 'Equipment details'],
  equipmentName: ['装备名称', 'Name'],
  type: ['装备类型', 'Type'],
  model: ['型号', 'Model'],
  quantity: ['数量', 'Quantity'],
  quantityMin: ['数量至少为 1', 'The quantity is at least 1'],
  contactName: ['联系人', 'Contact'],
  contactPhone: ['联系电话', 'Contact phone'],
  filterType: ['按类型筛选', 'Filter by type'],
  equipmentSearch: ['名称、类型或型号', 'Name, type or model'],
  equipmentCreated: ['已创建装备 {name}', 'Equipment {name} created'],
  equipmentSaved: ['已保存装备 {name}', 'Equipment {name} saved'],
  // map
  mapTitle: ['资源一张图', 'Resource map'],
  layerTeams: ['救援队伍', 'Rescue teams'],
  layerEquipment: ['大型装备', 'Large equipment'],
  layerExperts: ['应急专家', 'Experts'],
  layers: ['图层', 'Layers'],
  loadedCounts: ['队伍 {teams} · 装备 {equipment} · 专家 {experts}', 'Teams {teams} · equipment {equipment} · experts {experts}'],
  nearestTitle: ['附近资源 / 最近队伍', 'Nearby resources / nearest teams'],
  nearestHint: ['在地图上点击选点，或输入经纬度', 'Click the map to pick a point, or type the coordinates'],
  nearestK: ['数量 k', 'Count k'],
  nearestRadius: ['半径（公里，可选）', 'Radius (km, optional)'],
  nearestSpecialties: ['专长（可选，任一匹配）', 'Specialties (optional, any)'],
  nearestStatus: ['队伍状态', 'Team status'],
  nearestSubmit: ['查询最近队伍', 'Find nearest teams'],
  nearestClear: ['清除', 'Clear'],
  nearestPointRequired: ['请先选点或输入经纬度', 'Pick a point or enter its coordinates first'],
  nearestEmpty: ['没有符合条件的队伍', 'No team matches'],
  nearestPoint: ['查询点', 'Query point'],
  nearestResultCount: ['找到 {n} 支队伍', '{n} teams found'],
  distanceKm: ['{d} 公里', '{d} km'],
  nearestHighlight: ['最近队伍', 'Nearest teams'],
  openDetail: ['查看详情', 'Open details'],
});

export const TEAM_CATEGORIES = ['comprehensive', 'professional', 'enterprise', 'social', 'volunteer'] as const;
export const TEAM_CATEGORY_LABELS: Record<string, Msg> = {
  comprehensive: ['综合性救援队伍', 'Comprehensive'],
  professional: ['专业救援队伍', 'Professional'],
  enterprise: ['企业专职救援队伍', 'Enterprise full-time'],
  social: ['社会救援力量', 'Social'],
  volunteer: ['志愿者队伍', 'Volunteer'],
};

export const TEAM_STATUSES = ['standby', 'deployed', 'resting'] as const;
export const TEAM_STATUS_LABELS: Record<string, Msg> = { standby: ['待命', 'Standby'], deployed: ['出动', 'Deployed'], resting: ['休整', 'Resting'] };
export const TEAM_STATUS_COLORS: Record<string, string> = { standby: 'green', deployed: 'red', resting: 'orange' };
/** Map colours of the same statuses. */
export const TEAM_STATUS_HEX: Record<string, string> = { standby: '#16a34a', deployed: '#dc2626', resting: '#f59e0b' };

export const AVAILABILITY = ['available', 'busy', 'unavailable'] as const;
export const AVAILABILITY_LABELS: Record<string, Msg> = { available: ['可调用', 'Available'], busy: ['任务中', 'Busy'], unavailable: ['不可用', 'Unavailable'] };
export const AVAILABILITY_COLORS: Record<string, string> = { available: 'green', busy: 'orange', unavailable: 'default' };

export const EQUIPMENT_STATUSES = ['available', 'in_use', 'maintenance'] as const;
export const EQUIPMENT_STATUS_LABELS: Record<string, Msg> = { available: ['可调用', 'Available'], in_use: ['使用中', 'In use'], maintenance: ['维修保养', 'Maintenance'] };
export const EQUIPMENT_STATUS_COLORS: Record<string, string> = { available: 'green', in_use: 'blue', maintenance: 'orange' };
/** Common large-equipment types (free text is allowed beyond these). */
export const EQUIPMENT_TYPES = ['挖掘机', '装载机', '推土机', '起重机', '自卸车', '排水抢险车', '大功率水泵', '发电机组', '应急照明车', '应急通信车', '冲锋舟', '消防车', '救护车', '破拆设备', '生命探测仪', '无人机'];
