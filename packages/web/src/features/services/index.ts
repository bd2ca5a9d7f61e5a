export { ServicesPage } from './services-page';
export { RequestFormPage } from './request-form-page';
export { RequestPage } from './request-page';
export { Timeline as RequestTimeline } from './timeline';
export { RequestAttachments } from './attachments';
