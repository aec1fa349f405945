import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SecurityAlertKind, SecurityAlertSeverity, SecurityAlertStatus } from '../../alerts/alert-vocabulary';
import { AuditChainVerification } from './audit-chain-verification.type';

@ObjectType('ActionRoleTotal', { description: 'How many audited accesses one role made with one action.' })
export class ActionRoleTotal {
  @Field({ description: 'The action, e.g. read, update, login.' })
  action: string;

  @Field({ description: 'A role the actor held (NONE for actors without roles, e.g. failed sign-ins).' })
  role: string;

  @Field(() => Int, { description: 'Audited accesses.' })
  count: number;
}

@ObjectType('PatientAccessTotal', { description: 'Accesses to one patient’s health data in the range.' })
export class PatientAccessTotal {
  @Field(() => ID, { description: 'The patient.' })
  patientId: string;

  @Field(() => Int, { description: 'Audited accesses to their data, refused ones included.' })
  accesses: number;

  @Field(() => Int, { description: 'Of those, how many were refused.' })
  denied: number;
}

@ObjectType('DeniedAccessTotal', { description: 'Refused accesses by one actor, action and kind of data.' })
export class DeniedAccessTotal {
  @Field(() => String, {
    nullable: true,
    description: 'Who was refused (null when unknown, e.g. a sign-in).',
  })
  actorId: string | null;

  @Field({ description: 'What they attempted.' })
  action: string;

  @Field({ description: 'The kind of data.' })
  entityType: string;

  @Field(() => Int, { description: 'How many times.' })
  count: number;
}

@ObjectType('SecurityAlertTotal', {
  description: 'Security alerts raised in the range, by kind, severity and status.',
})
export class SecurityAlertTotal {
  @Field(() => SecurityAlertKind, { description: 'The rule, or MANUAL.' })
  kind: string;

  @Field(() => SecurityAlertSeverity, { description: 'Their severity.' })
  severity: string;

  @Field(() => SecurityAlertStatus, { description: 'Their status now.' })
  status: string;

  @Field(() => Int, { description: 'How many.' })
  count: number;
}

@ObjectType('ComplianceReport', { description: 'Accountability figures for a date range (ADMIN).' })
export class ComplianceReport {
  @Field({ description: 'Start of the range.' })
  from: Date;

  @Field({ description: 'End of the range.' })
  to: Date;

  @Field({ description: 'When the report was produced.' })
  generatedAt: Date;

  @Field(() => [ActionRoleTotal], { description: 'Audited accesses per action and role.' })
  totals: ActionRoleTotal[];

  @Field(() => [PatientAccessTotal], {
    description: 'Accesses to health data per patient, most accessed first.',
  })
  phiAccesses: PatientAccessTotal[];

  @Field(() => [DeniedAccessTotal], { description: 'Refused accesses, most frequent first.' })
  deniedAccesses: DeniedAccessTotal[];

  @Field(() => Int, { description: 'All refused accesses in the range.' })
  deniedTotal: number;

  @Field(() => [SecurityAlertTotal], { description: 'Security alerts raised in the range.' })
  alerts: SecurityAlertTotal[];

  @Field(() => AuditChainVerification, { description: 'The audit chain verified over the range.' })
  chain: AuditChainVerification;

  @Field({
    description: 'The whole report as CSV (RFC 4180, CRLF line ends): section, key, detail, extra, count.',
  })
  csv: string;
}
