import '@holovitals/telemetry/register';
import { runServiceProcess } from '@holovitals/http-server';
import { loadDemoHospitalConfig } from './config';
import { startDemoHospital } from './demo-hospital-server';

runServiceProcess('demo-hospital', () => startDemoHospital(loadDemoHospitalConfig()));
