export { formatExerciseResult, formatReport, formatSummary } from './terminal.ts';
export { toResultsJson, type ResultsJson, type ResultsJsonTest } from './results-json.ts';
export { toJunitXml } from './junit.ts';
export { pointsNotice, toStepSummary } from './github.ts';
export { caseTranscript, exerciseFailures, lineDiff } from './transcript.ts';
