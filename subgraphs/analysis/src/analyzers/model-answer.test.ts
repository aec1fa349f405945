import { Pseudonymizer, sanitizePrompt } from '@holovitals/deidentify';
import { describe, expect, it } from 'vitest';
import { AnalysisTaskType } from '../entities/analysis-enums';
import type { CitableRecords } from './model-prompt';
import { mapModelAnswer } from './model-answer';

const citable: CitableRecords = new Map([
  ['p-1', 'PATIENT'],
  ['obs-1', 'OBSERVATION'],
]);

describe('mapModelAnswer', () => {
  it('keeps citations to records, rejects unknown ids, drops statements left unsourced, maps names back', () => {
    const pseudonymizer = new Pseudonymizer();
    const prompt = sanitizePrompt(
      {
        instruction: 'Summarise.',
        task: 'Summary',
        records: [{ id: 'obs-1', text: 'Seen by Dr. Ada Lovelace.' }],
      },
      pseudonymizer,
    );
    const surrogate = /\[NAME-1\]/.exec(prompt.messages[1]?.content ?? '')?.[0] ?? '';
    expect(surrogate).toBe('[NAME-1]');
    const mapped = mapModelAnswer(
      {
        sections: [
          {
            title: 'Findings',
            statements: [
              { text: `LDL is high; ${surrogate} follows it.`, citations: ['obs-1', 'invented-9'] },
              { text: 'Made up.', citations: ['invented-9', 'other'] },
            ],
          },
          { title: 'Empty', statements: [{ text: 'Nothing cited.', citations: [] }] },
        ],
      },
      AnalysisTaskType.LAB_TRENDS,
      citable,
      pseudonymizer,
    );
    expect(mapped.sections).toEqual([
      {
        kind: 'LAB_TRENDS',
        title: 'Findings',
        statements: [
          {
            text: 'LDL is high; Ada Lovelace follows it.',
            citations: [{ recordId: 'obs-1', recordKind: 'OBSERVATION' }],
          },
        ],
      },
    ]);
    expect(mapped.rejectedCitations.sort()).toEqual(['invented-9', 'other']);
    expect(mapped.droppedStatements).toBe(2);
  });

  it('files a question’s answer under ANSWER', () => {
    const mapped = mapModelAnswer(
      { sections: [{ title: 'Answer', statements: [{ text: 'Yes.', citations: ['p-1'] }] }] },
      AnalysisTaskType.QUESTION,
      citable,
      new Pseudonymizer(),
    );
    expect(mapped.sections[0]?.kind).toBe('ANSWER');
  });
});
