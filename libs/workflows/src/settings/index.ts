export * from './statutory-settings';
