export { DecryptionError, EnvelopeCipher, isEnvelope, keyIdOf } from './envelope-cipher';
export {
  createKeyRing,
  encryptionConfigShape,
  KeyRingError,
  parseMasterKeys,
  type KeyRing,
  type MasterKey,
} from './key-ring';
export {
  reEncryptColumn,
  runReEncryptionJob,
  type ReEncryptionProgress,
  type ReEncryptionTarget,
  type SqlQuery,
} from './re-encryption';
