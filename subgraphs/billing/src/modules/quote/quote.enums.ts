/** Tenancy's enums, from the shared vocabulary (composition requires them identical). */
export {
  ADMINISTRATION_KINDS,
  AdministrationKindEnum,
  MODULES,
  ModuleEnum,
  type AdministrationKind,
  type Module,
} from '@kantoor/platform';
