// The input rules the web pages check before sending, taken from the routes' own schemas so a
// rule changes in one place (the API checks again and has the last word). The web app bundles
// this file: it and everything it imports must stay pure zod, with no server or Node modules.
export {
  email,
  emailDomain,
  emailDomains,
  newPassword,
  orcid,
  profileUpdate,
  returnPath,
} from './accounts/account.schemas.ts';
export {
  applicationFieldSchema,
  type CallProblem,
  callDescription,
  callInput,
  callProblems,
  callSlug,
  callTitle,
  categoryInput,
  declarationSchema,
  feeNote,
  pageLimit,
  wordLimit,
} from './calls/call.schemas.ts';
export { returnMessage, statusReason } from './review-copies/review-copy.schemas.ts';
export {
  applicationAnswer,
  authorInput,
  draftAbstract,
  draftPatch,
  draftTitle,
  keyword,
  keywords,
  wizardSteps,
  wordCount,
} from './submissions/submission.schemas.ts';
export {
  availableFrom,
  declaredConflict,
  declaredConflicts,
  expertise,
  expertiseArea,
  reviewerAvailability,
  reviewerEmailDomains,
  reviewerEmployer,
  reviewerOrcid,
} from './venues/reviewer-pool.schemas.ts';
