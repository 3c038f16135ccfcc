/** In-process runs of this package's nodes in n8n's engine: see README.md. */
export { pairedItemIndex, runWorkflow } from './run-workflow';
export type { OutputItem, RunWorkflowOptions, WorkflowFile, WorkflowResult } from './run-workflow';
export { receiveWebhookRequests } from './receive-webhook';
export type { WebhookRequest } from './receive-webhook';
export { getOptions, getResourceMappingFields, searchList } from './load-options';
export type { LoadOptionsRequest } from './load-options';
export { InMemoryCredentialsHelper } from './credentials-helper';
export type { StoredCredential, TokenUpdate } from './credentials-helper';
export { loadPackageTypes } from './load-package';
export * from './salesforce';
export { forgetSharedState } from './shared-state';
export * from './built-in-salesforce';
export type { OtherPackage } from './other-packages';
