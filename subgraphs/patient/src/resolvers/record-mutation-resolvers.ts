import { AllergyEntity } from '../entities/allergy.entity';
import { ConditionEntity } from '../entities/condition.entity';
import { FamilyHistoryEntity } from '../entities/family-history.entity';
import { ImmunizationEntity } from '../entities/immunization.entity';
import { MedicationEntity } from '../entities/medication.entity';
import { ObservationEntity } from '../entities/observation.entity';
import { ProcedureEntity } from '../entities/procedure.entity';
import { recordMutationResolver } from './record-mutations';
import { AllergyInput } from './types/allergy.input';
import { ConditionInput } from './types/condition.input';
import { FamilyHistoryInput } from './types/family-history.input';
import { ImmunizationInput } from './types/immunization.input';
import { MedicationInput } from './types/medication.input';
import { ObservationInput } from './types/observation.input';
import { ProcedureInput } from './types/procedure.input';

/** The create/update/delete resolvers of every record type. */
export const recordMutationResolvers = [
  recordMutationResolver({
    kind: 'medication',
    typeName: 'Medication',
    entity: MedicationEntity,
    input: MedicationInput,
  }),
  recordMutationResolver({
    kind: 'allergy',
    typeName: 'Allergy',
    entity: AllergyEntity,
    input: AllergyInput,
  }),
  recordMutationResolver({
    kind: 'condition',
    typeName: 'Condition',
    entity: ConditionEntity,
    input: ConditionInput,
  }),
  recordMutationResolver({
    kind: 'observation',
    typeName: 'Observation',
    entity: ObservationEntity,
    input: ObservationInput,
  }),
  recordMutationResolver({
    kind: 'immunization',
    typeName: 'Immunization',
    entity: ImmunizationEntity,
    input: ImmunizationInput,
  }),
  recordMutationResolver({
    kind: 'procedure',
    typeName: 'Procedure',
    entity: ProcedureEntity,
    input: ProcedureInput,
  }),
  recordMutationResolver({
    kind: 'familyHistory',
    typeName: 'FamilyHistory',
    entity: FamilyHistoryEntity,
    input: FamilyHistoryInput,
  }),
];
