/** The API version reported in OpenAPI and `/api/v1/meta`. */
export const VERSION = '0.1.0';
