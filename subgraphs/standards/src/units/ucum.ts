import { UcumLhcUtils } from '@lhncbc/ucum-lhc';

/** The one ucum-lhc instance (it loads the UCUM tables once). */
export const ucum = UcumLhcUtils.getInstance();
