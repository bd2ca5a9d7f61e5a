export { CardPage } from './card-page';
