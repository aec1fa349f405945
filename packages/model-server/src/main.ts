import '@holovitals/telemetry/register';
import { runServiceProcess } from '@holovitals/http-server';
import { loadModelServerConfig } from './config';
import { startModelServer } from './model-server';

runServiceProcess('model-server', () => startModelServer(loadModelServerConfig()));
