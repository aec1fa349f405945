import { registerEnumType } from 'type-graphql';
import { AnalysisTaskType } from '../entities/analysis-enums';

/** What a prompt template is for: one per analysis task type, and the chat. */
export enum PromptCategory {
  ANALYSIS_SUMMARY = 'ANALYSIS_SUMMARY',
  ANALYSIS_LAB_TRENDS = 'ANALYSIS_LAB_TRENDS',
  ANALYSIS_MEDICATION_REVIEW = 'ANALYSIS_MEDICATION_REVIEW',
  ANALYSIS_CARE_GAPS = 'ANALYSIS_CARE_GAPS',
  ANALYSIS_QUESTION = 'ANALYSIS_QUESTION',
  CHAT_ANSWER = 'CHAT_ANSWER',
}

registerEnumType(PromptCategory, {
  name: 'PromptCategory',
  description: 'What a prompt template is used for.',
  valuesConfig: {
    ANALYSIS_SUMMARY: { description: 'The model analyzer’s SUMMARY task.' },
    ANALYSIS_LAB_TRENDS: { description: 'The model analyzer’s LAB_TRENDS task.' },
    ANALYSIS_MEDICATION_REVIEW: { description: 'The model analyzer’s MEDICATION_REVIEW task.' },
    ANALYSIS_CARE_GAPS: { description: 'The model analyzer’s CARE_GAPS task.' },
    ANALYSIS_QUESTION: { description: 'The model analyzer’s QUESTION task (placeholder {{question}}).' },
    CHAT_ANSWER: { description: 'An answer in the chat over the record (placeholder {{question}}).' },
  },
});

/** The template category each analysis task type runs with. */
export const ANALYSIS_PROMPT_CATEGORY: Record<AnalysisTaskType, PromptCategory> = {
  [AnalysisTaskType.SUMMARY]: PromptCategory.ANALYSIS_SUMMARY,
  [AnalysisTaskType.LAB_TRENDS]: PromptCategory.ANALYSIS_LAB_TRENDS,
  [AnalysisTaskType.MEDICATION_REVIEW]: PromptCategory.ANALYSIS_MEDICATION_REVIEW,
  [AnalysisTaskType.CARE_GAPS]: PromptCategory.ANALYSIS_CARE_GAPS,
  [AnalysisTaskType.QUESTION]: PromptCategory.ANALYSIS_QUESTION,
};
