-- Issue #26: voluntary BHXH (602e) and household BHYT become request types of the online services
-- engine; both are paid online (the payments module) and completed when the payment is credited.
ALTER TABLE service_requests DROP CONSTRAINT service_requests_type_check;
ALTER TABLE service_requests ADD CONSTRAINT service_requests_type_check
  CHECK (type IN ('bhyt_card_reissue', 'bhxh_book_reissue', 'pension_payment_change', 'initial_clinic_change',
                  'etx_info_change', 'etx_stop', 'voluntary_si_register', 'household_hi'));
