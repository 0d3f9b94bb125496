/** API shapes of the resources module (server/src/modules/resources/{teams,experts,equipment,nearest}.ts). */
import type { GeoPoint } from '../../lib/types.ts';

export interface Team {
  id: string;
  name: string;
  category: string;
  specialties: string[];
  headcount: number;
  memberCount: number;
  regionCode: string;
  regionName: string;
  orgId: string | null;
  orgName: string | null;
  leaderName: string | null;
  leaderPhone: string | null;
  dutyPhone: string | null;
  baseAddress: string | null;
  base: GeoPoint | null;
  status: string;
  statusChangedAt: string;
  note: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NearestTeam extends Team {
  /** Geodesic distance to the query point, metres. */
  distanceM: number;
}

export interface TeamMember {
  id: string;
  name: string;
  position: string | null;
  phone: string | null;
  skills: string | null;
}

export interface TeamStatusChange {
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  changedByName: string | null;
  changedAt: string;
}

export interface Expert {
  id: string;
  name: string;
  fields: string[];
  title: string | null;
  employer: string | null;
  orgId: string | null;
  phone: string | null;
  regionCode: string;
  regionName: string;
  availability: string;
  location: GeoPoint | null;
  note: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Equipment {
  id: string;
  name: string;
  type: string;
  model: string | null;
  quantity: number;
  regionCode: string;
  regionName: string;
  orgId: string | null;
  orgName: string | null;
  location: GeoPoint | null;
  status: string;
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

// ---- Warehouses, material catalogue, stock (server/src/modules/resources/{warehouses,stock,decision}.ts) ----

export interface Warehouse {
  id: string;
  name: string;
  level: string;
  regionCode: string;
  regionName: string;
  orgId: string | null;
  orgName: string | null;
  managerName: string | null;
  managerPhone: string | null;
  managerUserId: string | null;
  address: string | null;
  location: GeoPoint | null;
  areaM2: number | null;
  note: string | null;
  /** Batches of this warehouse with quantity > 0. */
  batchCount: number;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Material {
  id: string;
  categoryCode: string;
  categoryName: string | null;
  name: string;
  spec: string | null;
  unit: string;
  shelfLifeDays: number | null;
  note: string | null;
  isDemo: boolean;
}

export interface StockBatch {
  id: string;
  warehouseId: string;
  warehouseName: string;
  regionCode: string;
  materialId: string;
  materialName: string;
  spec: string | null;
  unit: string;
  categoryCode: string;
  batchNo: string;
  quantity: number;
  /** YYYY-MM-DD */
  productionDate: string | null;
  /** YYYY-MM-DD */
  expiryDate: string | null;
  reserveMode: string;
  updatedAt: string;
}

export interface StockMovement {
  id: number;
  docNo: string;
  kind: string;
  batchId: string;
  batchNo: string;
  warehouseId: string;
  warehouseName: string;
  materialName: string;
  unit: string;
  /** Signed change of the batch quantity. */
  delta: number;
  balanceAfter: number;
  reason: string | null;
  destinationType: string | null;
  destinationId: string | null;
  destinationName: string | null;
  sourceBatchId: string | null;
  operatorName: string;
  createdAt: string;
}

/** Answer of POST /api/v1/stock/{receive|issue|transfer|adjust|scrap|rotate}. */
export interface MovementResult {
  docNo: string;
  movements: StockMovement[];
}

/** GET /api/v1/stock/batches/:id/trace */
export interface BatchTrace {
  batch: StockBatch;
  /** Movements of the upstream batches (transfer/rotation), oldest first. */
  origin: StockMovement[];
  movements: StockMovement[];
}

export interface StockAlert {
  kind: 'below_minimum' | 'expiring' | 'expired';
  warehouseId: string;
  warehouseName: string;
  regionCode: string;
  materialId: string;
  materialName: string;
  unit: string;
  quantity: number;
  minQuantity: number | null;
  batchId: string | null;
  batchNo: string | null;
  expiryDate: string | null;
}

// ---- Shelters, coverage, map decision support (server/src/modules/resources/{shelters,coverage,decision}.ts) ----

export interface Shelter {
  id: string;
  name: string;
  kind: string;
  space: string;
  regionCode: string;
  regionName: string;
  orgId: string | null;
  orgName: string | null;
  address: string | null;
  location: GeoPoint | null;
  areaM2: number | null;
  capacity: number;
  facilities: string[];
  managerName: string | null;
  managerPhone: string | null;
  managerUserId: string | null;
  status: 'open' | 'closed';
  statusChangedAt: string;
  occupancy: number;
  /** Places left (0 when over capacity). */
  free: number;
  /** Effective area per place, m². */
  perCapitaM2: number | null;
  note: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NearestShelter extends Shelter {
  distanceM: number;
}

export interface ShelterLogEntry {
  id: number;
  kind: 'open' | 'close' | 'check_in' | 'check_out';
  count: number;
  occupancyAfter: number;
  capacity: number;
  override: boolean;
  reason: string | null;
  actorName: string | null;
  at: string;
}

export interface CoverageKitItem {
  materialId: string;
  materialName: string;
  spec: string | null;
  unit: string;
  perPerson: number;
}

export interface CoverageRow {
  regionCode: string;
  regionName: string;
  level: string;
  population: number | null;
  supportable: number | null;
  limitingMaterial: string | null;
  target: number | null;
  ratio: number | null;
  items: { materialId: string; available: number; supports: number }[];
  teams: number;
  teamHeadcount: number;
  teamsPer10k: number | null;
  shelterCapacity: number;
  shelterOccupancy: number;
}

export interface CoverageSettings {
  kit: { materialId: string; perPerson: number }[];
  targets: { regionCode: string; people: number }[];
}

export interface Coverage {
  kit: CoverageKitItem[];
  targets: CoverageSettings['targets'];
  rows: CoverageRow[];
}

/** GET /api/v1/warehouses/with-items */
export interface WarehouseWithItems {
  id: string;
  name: string;
  level: string;
  regionCode: string;
  regionName: string;
  managerName: string | null;
  managerPhone: string | null;
  location: GeoPoint | null;
  distanceM: number;
  items: { materialId: string; materialName: string; unit: string; needed: number; available: number }[];
  coversAll: boolean;
}
