// @lhncbc/ucum-lhc ships no type declarations; these cover the calls this package makes.
declare module '@lhncbc/ucum-lhc' {
  interface UcumUnit {
    csCode_: string;
    name_: string;
    printSymbol_: string | null;
    property_: string;
    isSpecial_: boolean;
  }
  interface UcumValidation {
    status: 'valid' | 'invalid' | 'error';
    ucumCode: string | null;
    msg: string[];
    unit?: { code: string; name: string; guidance: string | null };
    suggestions?: { msg: string; invalidUnit: string; units: [string, string, string][] }[];
  }
  interface UcumConversion {
    status: 'succeeded' | 'failed' | 'error';
    toVal: number | null;
    msg: string[];
    fromUnit?: UcumUnit;
    toUnit?: UcumUnit;
  }
  interface UcumLhcUtils {
    validateUnitString(unit: string, suggest?: boolean, valConv?: 'validate' | 'convert'): UcumValidation;
    convertUnitTo(
      fromUnit: string,
      fromVal: number,
      toUnit: string,
      options?: { suggest?: boolean; molecularWeight?: number },
    ): UcumConversion;
  }
  export const UcumLhcUtils: { getInstance(): UcumLhcUtils };
}
