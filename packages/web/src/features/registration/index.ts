export { RegisterPage } from './register-page';
export { ChildRegistrationPage } from './child-page';
