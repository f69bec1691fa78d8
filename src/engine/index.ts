// The engine's public face, for the command line, the benchmark and other hosts.
export { Engine, type EngineOptions } from './engine';
export { BatchRun, type RunOptions, type RunReport, type RunEvents, type RunState } from './run/run';
export { ResultCache, type CacheOptions } from './cache/cache';
export { discover, DEFAULT_EXCLUDES, type DiscoverOptions, type DiscoveryItem } from './discover/discover';
export type * from './types';
export { FindingsStore } from './findings/store';
export { builtInOperationIds, operationRules } from '../operations/registry';
export type { HostOperation, HostDocument, HostResult, HostOperationResult, HostOperationSummary } from './host/host-operation';
export type { OperationSpec } from '../operations/registry';
