export { RegisterPage } from './register-page';
export { ChildRegistrationPage } from './child-page';
/** The receiving-agency picker and the units list, shared with the online services' forms. */
export { AgencyPicker } from './parts';
export { useUnits } from './register-page';
export { MyRegistrations } from './my-registrations';
