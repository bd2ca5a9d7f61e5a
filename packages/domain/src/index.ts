/**
 * @vssid/domain — the rules of Vietnamese social insurance, pure and shared by server, web and
 * data generator. No I/O. See README.md.
 */
export * from './result';
export * from './text';
export * from './dates';
export * from './vietnam-time';
export * from './format';
export * from './audit-codes';
export * from './bhxh-code';
export * from './bhyt-card-number';
export * from './bhyt-qr';
export * from './shc';
export * from './cccd';
export * from './cccd-qr';
export * from './phone';
export * from './admin-units';
export * from './lookup';
export * from './parameters';
export * from './benefit-levels';
export * from './co-payment';
export * from './contributions';
export * from './self-paid';
export * from './pension';
export * from './workflow';
export * from './icd10';
export type { CardCredential, CardHolder, CardStatus, CardView } from './api/card';
export * from './child-card';
export * from './participation-summary';
export * from './password-policy';
export * from './registration';
export * from './session';
