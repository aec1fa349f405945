/** One column the bulk upsert writes: its SQL name and type, and where its value comes from. */
export interface RecordColumn<F> {
  column: string;
  sqlType: 'text' | 'timestamptz' | 'double precision' | 'boolean' | 'jsonb';
  value: (fields: F) => unknown;
}

/** The table of a record kind and the columns an import writes. */
export interface RecordTable<F> {
  table: string;
  columns: RecordColumn<F>[];
}

type Coded = { codeSystem: string | null; code: string | null; display: string | null };

/** The code columns most record tables share. */
export function codeColumns<F extends Coded>(): RecordColumn<F>[] {
  return [
    { column: 'code_system', sqlType: 'text', value: (f) => f.codeSystem },
    { column: 'code', sqlType: 'text', value: (f) => f.code },
    { column: 'display', sqlType: 'text', value: (f) => f.display },
  ];
}
