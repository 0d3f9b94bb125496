/**
 * The demo organisations and accounts for Shanshan County (鄯善县). Names follow the county's real
 * structure (bureau, departments, township offices, the two parks the plan names); enterprises and
 * teams are invented but realistic, and every record is flagged is_demo.
 */
import type { Role } from '../platform/permissions.ts';

export const DEMO_PASSWORD = 'yingji-demo';
export const COUNTY = '650421000000';

export interface DemoOrg {
  key: string;
  name: string;
  shortName?: string;
  type: 'bureau' | 'department' | 'township_office' | 'park' | 'enterprise' | 'rescue_team' | 'social_org';
  region: string;
  industries?: string[];
  parent?: string;
  contact?: string;
  address?: string;
  /** Offset in degrees from the region centre, for a location. */
  at?: [number, number];
}

export const DEPARTMENTS: DemoOrg[] = [
  { key: 'bureau', name: '鄯善县应急管理局', shortName: '县应急局', type: 'bureau', region: COUNTY, contact: '王建军', address: '鄯善县楼兰东路 128 号', at: [0.004, 0.002] },
  { key: 'dept-transport', name: '鄯善县交通运输局', shortName: '县交通局', type: 'department', region: COUNTY, industries: ['G', '54', '58', '59'], contact: '马国庆' },
  { key: 'dept-housing', name: '鄯善县住房和城乡建设局', shortName: '县住建局', type: 'department', region: COUNTY, industries: ['E', '47', '48', '49', '50', '45'], contact: '李志强' },
  { key: 'dept-market', name: '鄯善县市场监督管理局', shortName: '县市场监管局', type: 'department', region: COUNTY, industries: ['F', 'H', '51', '52'], contact: '张红梅' },
  { key: 'dept-industry', name: '鄯善县工业和信息化局', shortName: '县工信局', type: 'department', region: COUNTY, industries: ['C', '25', '26', '30', '31', '32'], contact: '艾尔肯·吐尔逊' },
  { key: 'dept-resources', name: '鄯善县自然资源局', shortName: '县自然资源局', type: 'department', region: COUNTY, industries: ['B', '06', '08', '09', '10'], contact: '赵磊' },
  { key: 'dept-water', name: '鄯善县水利局', shortName: '县水利局', type: 'department', region: COUNTY, industries: ['N', '76'], contact: '阿不都热依木·买买提' },
  { key: 'dept-agri', name: '鄯善县农业农村局', shortName: '县农业农村局', type: 'department', region: COUNTY, industries: ['A', '01', '03'], contact: '刘海燕' },
  { key: 'dept-forest', name: '鄯善县林业和草原局', shortName: '县林草局', type: 'department', region: COUNTY, industries: ['02'], contact: '孙伟' },
  { key: 'dept-health', name: '鄯善县卫生健康委员会', shortName: '县卫健委', type: 'department', region: COUNTY, industries: ['Q'], contact: '古丽娜尔·艾买提' },
  { key: 'dept-education', name: '鄯善县教育局', shortName: '县教育局', type: 'department', region: COUNTY, industries: ['P'], contact: '陈静' },
  { key: 'dept-culture', name: '鄯善县文化体育广播电视和旅游局', shortName: '县文旅局', type: 'department', region: COUNTY, industries: ['R', '61', '62'], contact: '热娜古丽·吾守尔' },
  { key: 'dept-commerce', name: '鄯善县商务和工业信息化局', shortName: '县商务局', type: 'department', region: COUNTY, industries: ['F'], contact: '周涛' },
  { key: 'dept-police', name: '鄯善县公安局', shortName: '县公安局', type: 'department', region: COUNTY, contact: '杨帆' },
  { key: 'dept-fire', name: '鄯善县消防救援大队', shortName: '县消防大队', type: 'department', region: COUNTY, contact: '何勇' },
  { key: 'dept-weather', name: '鄯善县气象局', shortName: '县气象局', type: 'department', region: COUNTY, contact: '吴倩' },
  { key: 'dept-seismic', name: '鄯善县地震局', shortName: '县地震局', type: 'department', region: COUNTY, contact: '黄斌' },
];

/** Hazardous-chemical and mining enterprises (the plan counts 13 危化企业; names invented). */
export const ENTERPRISES: DemoOrg[] = [
  { key: 'ent-01', name: '鄯善县天山化工有限责任公司', type: 'enterprise', region: '650421450000', industries: ['C', '26'], contact: '吕振华', at: [0.01, 0.005] },
  { key: 'ent-02', name: '新疆鄯善楼兰化学工业有限公司', type: 'enterprise', region: '650421450000', industries: ['C', '26'], contact: '哈力木拉提', at: [-0.012, 0.008] },
  { key: 'ent-03', name: '鄯善县火焰山氯碱化工有限公司', type: 'enterprise', region: '650421450000', industries: ['C', '26'], contact: '袁立新', at: [0.018, -0.006] },
  { key: 'ent-04', name: '吐鲁番鄯善丝路煤化工有限公司', type: 'enterprise', region: '650421450000', industries: ['C', '25'], contact: '邓宏伟', at: [-0.02, -0.01] },
  { key: 'ent-05', name: '鄯善县西部燃气有限公司', type: 'enterprise', region: '650421100000', industries: ['D', '45'], contact: '努尔兰', at: [0.01, -0.012] },
  { key: 'ent-06', name: '鄯善县七克台硝石化工有限公司', type: 'enterprise', region: '650421101000', industries: ['C', '26'], contact: '蒋明', at: [0.02, 0.01] },
  { key: 'ent-07', name: '鄯善县鲁克沁芒硝化工有限公司', type: 'enterprise', region: '650421104000', industries: ['C', '26'], contact: '买买提江·热合曼', at: [-0.015, 0.01] },
  { key: 'ent-08', name: '鄯善县火车站镇液化气储配站', type: 'enterprise', region: '650421102000', industries: ['F', '51'], contact: '谢宁', at: [0.006, 0.004] },
  { key: 'ent-09', name: '鄯善县连木沁危险品仓储有限公司', type: 'enterprise', region: '650421103000', industries: ['G', '59'], contact: '唐军', at: [0.012, -0.008] },
  { key: 'ent-10', name: '鄯善县石材园区爆破器材有限公司', type: 'enterprise', region: '650421451000', industries: ['C', '26'], contact: '韩冬', at: [0.008, 0.006] },
  { key: 'ent-11', name: '鄯善县辟展工业气体有限公司', type: 'enterprise', region: '650421105000', industries: ['C', '26'], contact: '冯雪', at: [-0.01, -0.006] },
  { key: 'ent-12', name: '鄯善县迪坎盐化有限公司', type: 'enterprise', region: '650421106000', industries: ['C', '26'], contact: '依明·阿吉', at: [0.015, 0.012] },
  { key: 'ent-13', name: '鄯善县工业园区精细化工有限公司', type: 'enterprise', region: '650421450000', industries: ['C', '26'], contact: '曹颖', at: [0.004, -0.015] },
  { key: 'mine-01', name: '鄯善县南山铁矿有限责任公司', type: 'enterprise', region: '650421400000', industries: ['B', '08'], contact: '牛建国', at: [0.02, 0.01] },
  { key: 'mine-02', name: '鄯善县雅满苏有色金属矿业有限公司', type: 'enterprise', region: '650421400000', industries: ['B', '09'], contact: '巴特尔', at: [-0.03, 0.015] },
  { key: 'mine-03', name: '鄯善县红山石材开采有限公司', type: 'enterprise', region: '650421451000', industries: ['B', '10'], contact: '邵斌', at: [0.02, -0.01] },
];

export const TEAMS: DemoOrg[] = [
  { key: 'team-county', name: '鄯善县综合应急救援大队', type: 'rescue_team', region: COUNTY, parent: 'bureau', contact: '闫刚', at: [0.01, 0.01] },
  { key: 'team-mine', name: '鄯善县矿山救护队', type: 'rescue_team', region: '650421400000', contact: '郭勇', at: [0, 0.01] },
  { key: 'team-park', name: '鄯善工业园区专职消防队', type: 'rescue_team', region: '650421450000', contact: '毛峰', at: [0.002, 0.002] },
  { key: 'team-blue', name: '鄯善县蓝天救援队', type: 'social_org', region: COUNTY, contact: '夏天', at: [-0.01, 0.006] },
];

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  region: string;
  org?: string;
  industries?: string[];
  /** What this account shows in a demo, for the README table. */
  note: string;
}

export const USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], region: COUNTY, org: 'bureau', note: '全部数据与系统管理' },
  { username: 'duty', displayName: '李值班', roles: ['duty_officer'], region: COUNTY, org: 'bureau', note: '县应急局值班室：接报、值班日志、预警草拟' },
  { username: 'commander', displayName: '王指挥', roles: ['commander'], region: COUNTY, org: 'bureau', note: '指挥长：启动响应、签发预警' },
  { username: 'staff', displayName: '赵科员', roles: ['bureau_staff'], region: COUNTY, org: 'bureau', note: '业务科室：预案、资源、隐患、考核' },
  { username: 'reg-transport', displayName: '马监管', roles: ['regulator'], region: COUNTY, org: 'dept-transport', industries: ['G', '54', '58', '59'], note: '县交通运输局：只看交通运输、仓储行业' },
  { username: 'reg-industry', displayName: '艾监管', roles: ['regulator'], region: COUNTY, org: 'dept-industry', industries: ['C', '25', '26', '30', '31', '32'], note: '县工信局：只看制造业（化工）企业' },
  { username: 'town-shanshan', displayName: '鄯善镇应急办', roles: ['township'], region: '650421100000', note: '鄯善镇：只看本镇及所辖社区、村' },
  { username: 'town-lianmuqin', displayName: '连木沁镇应急办', roles: ['township'], region: '650421103000', note: '连木沁镇：只看本镇及所辖村' },
  { username: 'park-industrial', displayName: '工业园区安监科', roles: ['township'], region: '650421450000', note: '鄯善工业园区：只看园区内' },
  { username: 'ent-tianshan', displayName: '吕安全', roles: ['enterprise'], region: '650421450000', org: 'ent-01', note: '天山化工安全管理员：只看本企业' },
  { username: 'ent-loulan', displayName: '哈安全', roles: ['enterprise'], region: '650421450000', org: 'ent-02', note: '楼兰化学安全管理员：只看本企业' },
  { username: 'inspector', displayName: '郑执法', roles: ['inspector'], region: COUNTY, org: 'bureau', note: '执法大队：检查、取证、案件' },
  { username: 'informant', displayName: '阿信息员', roles: ['informant'], region: '650421103001', note: '连木沁镇首个村（社区）的灾害信息员' },
  { username: 'team-county', displayName: '闫队长', roles: ['team_contact'], region: COUNTY, org: 'team-county', note: '县综合应急救援大队联系人' },
];
