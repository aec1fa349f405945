import config from '@holovitals/eslint-config';

export default config;
