import { defineSubgraph } from '@holovitals/subgraph-kit';
import { complianceConfig, type ComplianceServices } from './config';
import { AuditCheckpointEntity } from './entities/audit-checkpoint.entity';
import { AuditLogEntity } from './entities/audit-log.entity';
import { ConsentGrantEntity } from './entities/consent-grant.entity';
import { LegalHoldEntity } from './entities/legal-hold.entity';
import { RbacAccessLogEntity } from './entities/rbac-access-log.entity';
import { SecurityAlertEntity } from './entities/security-alert.entity';
import { RightsRequestEntity } from './entities/rights-request.entity';
import { IdentityChallengeEntity } from './entities/identity-challenge.entity';
import { TotpFactorEntity } from './entities/totp-factor.entity';
import { auditIngestionHandlers } from './events/audit-ingestion.handlers';
import { directoryHandlers } from './events/directory.handlers';
import { securityAlertLiveHandlers } from './events/security-alert-live.handlers';
import { CreateAuditLog1764600000000 } from './migrations/1764600000000-create-audit-log';
import { CreateConsent1764610000000 } from './migrations/1764610000000-create-consent';
import { CreateSecurityAlert1765100000000 } from './migrations/1765100000000-create-security-alert';
import { PeopleDirectoryAndDelegation1765200000000 } from './migrations/1765200000000-people-directory-and-delegation';
import { CreateRightsRequest1765200100000 } from './migrations/1765200100000-create-rights-request';
import { AuditCheckpointsAndRetention1765300000000 } from './migrations/1765300000000-audit-checkpoints-and-retention';
import { CreateIdentityChallenge1765300200000 } from './migrations/1765300200000-create-identity-challenge';
import { AppenderRecordsRbacDecisions1766400000000 } from './migrations/1766400000000-appender-records-rbac-decisions';
import { AccessLogResolver } from './resolvers/access-log.resolver';
import { AuditCheckpointResolver } from './resolvers/audit-checkpoint.resolver';
import { AuditLogResolver } from './resolvers/audit-log.resolver';
import { ComplianceReportResolver } from './resolvers/compliance-report.resolver';
import { mapComplianceError } from './resolvers/compliance-error-mapping';
import { ConsentGrantResolver } from './resolvers/consent-grant.resolver';
import { LegalHoldResolver } from './resolvers/legal-hold.resolver';
import { IdentityChallengeResolver } from './resolvers/identity-challenge.resolver';
import { PatientAccessLogResolver } from './resolvers/patient-access-log.resolver';
import { RbacAccessLogResolver } from './resolvers/rbac-access-log.resolver';
import { RightsRequestResolver } from './resolvers/rights-request.resolver';
import { SecurityAlertResolver } from './resolvers/security-alert.resolver';
import { SecurityAlertRaisedResolver } from './live/security-alert-raised.resolver';
import { PatientReference } from './resolvers/types/patient.type';
import { resolvePatientReference } from './references/patient.reference';
import { totpCipher } from './step-up/totp-cipher';

export const complianceSubgraph = defineSubgraph({
  name: 'compliance',
  config: complianceConfig,
  resolvers: [
    AuditLogResolver,
    AccessLogResolver,
    ConsentGrantResolver,
    RightsRequestResolver,
    SecurityAlertResolver,
    SecurityAlertRaisedResolver,
    RbacAccessLogResolver,
    ComplianceReportResolver,
    PatientAccessLogResolver,
    AuditCheckpointResolver,
    LegalHoldResolver,
    IdentityChallengeResolver,
  ],
  orphanedTypes: [PatientReference],
  references: { Patient: resolvePatientReference },
  entities: [
    AuditLogEntity,
    ConsentGrantEntity,
    RightsRequestEntity,
    SecurityAlertEntity,
    RbacAccessLogEntity,
    AuditCheckpointEntity,
    LegalHoldEntity,
    TotpFactorEntity,
    IdentityChallengeEntity,
  ],
  migrations: [
    CreateAuditLog1764600000000,
    CreateConsent1764610000000,
    CreateSecurityAlert1765100000000,
    PeopleDirectoryAndDelegation1765200000000,
    CreateRightsRequest1765200100000,
    AuditCheckpointsAndRetention1765300000000,
    CreateIdentityChallenge1765300200000,
    AppenderRecordsRbacDecisions1766400000000,
  ],
  mapError: mapComplianceError,
  services: ({ config }): ComplianceServices => ({ config, cipher: totpCipher(config) }),
  eventHandlers: ({ config, redis }) => ({
    ...auditIngestionHandlers(config),
    ...directoryHandlers(),
    ...securityAlertLiveHandlers(redis),
  }),
});
