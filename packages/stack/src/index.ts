export { startStack, type DemoSeedContext, type RunningStack, type StackOptions } from './stack';
export { SUBGRAPHS } from './services';
