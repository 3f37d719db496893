export { createTown, generateTown, type Town, type TownOptions, type TownCopyWithPlanted } from './town';
export * from './types';
export * as demoConfig from './config';
