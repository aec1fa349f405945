import config from '@holovitals/eslint-config';
import { subgraphWorkspaces, workspaceBoundaries } from '@holovitals/eslint-config/boundaries';

export default [...config, ...workspaceBoundaries(subgraphWorkspaces(import.meta.dirname))];
