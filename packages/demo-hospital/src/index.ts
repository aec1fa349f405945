export { loadDemoHospitalConfig, SYNTHEA_FIXTURES, type DemoHospitalConfig } from './config';
export { startDemoHospital, type RunningDemoHospital } from './demo-hospital-server';
