export {
  CHANGE_KINDS,
  changeMessageSchema,
  parseChangeMessage,
  subscriptionChannel,
  type ChangeKind,
  type ChangeMessage,
} from './change-message';
export { createChangePublisher, type ChangePublisher } from './change-publisher';
