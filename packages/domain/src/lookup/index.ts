export { maskMiddle, nameInitials, nameKey } from './masking';
export { EARTH_RADIUS_KM, editDistance, haversineKm, withinOneEdit } from './distance';
export {
  checkProofOfWork,
  leadingZeroBits,
  MAX_POW_BITS,
  proofText,
  sha256,
  solveProofOfWork,
} from './proof-of-work';
