import type {
  AgeGroup,
  AuthorizationStatus,
  BillingEvent,
  CallToAction,
  CampaignBudgetMode,
  DeliveryStatus,
  Gender,
  ObjectiveType,
  OperatingSystem,
  OptimizationGoal,
  Performance,
  Placement,
  ReviewStatus,
} from '../api/types';

/** Badge colours. */
export type Tone = 'green' | 'amber' | 'red' | 'blue' | 'gray' | 'accent';

export const OBJECTIVES: { value: ObjectiveType; label: string; description: string }[] = [
  { value: 'REACH', label: 'Reach', description: 'Show the post to as many people as possible.' },
  { value: 'VIDEO_VIEWS', label: 'Video views', description: 'Get more people to watch the post.' },
  { value: 'ENGAGEMENT', label: 'Community', description: 'Grow follows, likes and profile visits.' },
  { value: 'TRAFFIC', label: 'Traffic', description: 'Send people to your landing page.' },
  { value: 'WEB_CONVERSIONS', label: 'Website sales', description: 'Drive purchases and sign-ups.' },
  { value: 'LEAD_GENERATION', label: 'Leads', description: 'Collect interest from potential customers.' },
  { value: 'APP_PROMOTION', label: 'App installs', description: 'Get people to install your app.' },
];

export const objectiveLabel = (o: ObjectiveType) => OBJECTIVES.find((x) => x.value === o)?.label ?? o;

/** Which optimization goals an objective allows (the API's rule, mirrored to guide the form). */
export const OBJECTIVE_GOALS: Record<ObjectiveType, OptimizationGoal[]> = {
  REACH: ['REACH', 'SHOW'],
  VIDEO_VIEWS: ['VIDEO_VIEW', 'ENGAGED_VIEW'],
  ENGAGEMENT: ['FOLLOWERS', 'PROFILE_VIEWS', 'ENGAGEMENT'],
  TRAFFIC: ['CLICK'],
  WEB_CONVERSIONS: ['CONVERT', 'CLICK'],
  LEAD_GENERATION: ['CONVERT', 'CLICK'],
  APP_PROMOTION: ['CLICK', 'CONVERT'],
};

export const GOAL_BILLING_EVENTS: Record<OptimizationGoal, BillingEvent[]> = {
  REACH: ['CPM'],
  SHOW: ['CPM'],
  CLICK: ['CPC', 'OCPM'],
  VIDEO_VIEW: ['CPV', 'OCPM'],
  ENGAGED_VIEW: ['CPV', 'OCPM'],
  FOLLOWERS: ['OCPM'],
  PROFILE_VIEWS: ['OCPM'],
  ENGAGEMENT: ['OCPM'],
  CONVERT: ['OCPM'],
};

export const GOAL_LABELS: Record<OptimizationGoal, string> = {
  REACH: 'Reach',
  SHOW: 'Impressions',
  CLICK: 'Clicks',
  VIDEO_VIEW: '2-second views',
  ENGAGED_VIEW: '6-second views',
  FOLLOWERS: 'Follows',
  PROFILE_VIEWS: 'Profile visits',
  ENGAGEMENT: 'Engagement',
  CONVERT: 'Conversions',
};

export const BILLING_LABELS: Record<BillingEvent, { label: string; unit: string }> = {
  CPM: { label: 'CPM', unit: 'per 1,000 impressions' },
  CPC: { label: 'CPC', unit: 'per click' },
  CPV: { label: 'CPV', unit: 'per view' },
  OCPM: { label: 'oCPM', unit: 'target cost per result' },
};

export const CAMPAIGN_BUDGET_MODES: { value: CampaignBudgetMode; label: string; description: string }[] = [
  { value: 'BUDGET_MODE_INFINITE', label: 'No limit', description: 'Ad groups set the budgets.' },
  { value: 'BUDGET_MODE_DAY', label: 'Daily', description: 'A cap for each day.' },
  { value: 'BUDGET_MODE_TOTAL', label: 'Lifetime', description: 'A cap for the whole campaign.' },
];

export const PLACEMENTS: { value: Placement; label: string; description: string }[] = [
  { value: 'IN_FEED', label: 'In-feed', description: 'Between posts in the For You feed.' },
  { value: 'TOPVIEW', label: 'TopView', description: 'The first post when the app opens.' },
];

export const AGE_GROUPS: { value: AgeGroup; label: string }[] = [
  { value: 'AGE_13_17', label: '13–17' },
  { value: 'AGE_18_24', label: '18–24' },
  { value: 'AGE_25_34', label: '25–34' },
  { value: 'AGE_35_44', label: '35–44' },
  { value: 'AGE_45_54', label: '45–54' },
  { value: 'AGE_55_100', label: '55+' },
];

export const GENDERS: { value: Gender; label: string }[] = [
  { value: 'GENDER_UNLIMITED', label: 'All' },
  { value: 'GENDER_FEMALE', label: 'Women' },
  { value: 'GENDER_MALE', label: 'Men' },
];

export const OPERATING_SYSTEMS: { value: OperatingSystem; label: string }[] = [
  { value: 'IOS', label: 'iOS' },
  { value: 'ANDROID', label: 'Android' },
  { value: 'OTHER', label: 'Other' },
];

export const CALL_TO_ACTIONS: CallToAction[] = [
  'SHOP_NOW',
  'LEARN_MORE',
  'ORDER_NOW',
  'SIGN_UP',
  'DOWNLOAD_NOW',
  'INSTALL_NOW',
  'BOOK_NOW',
  'SUBSCRIBE',
  'WATCH_NOW',
  'VISIT_STORE',
  'APPLY_NOW',
  'CONTACT_US',
  'GET_QUOTE',
  'PREORDER_NOW',
  'READ_MORE',
  'VIEW_NOW',
  'LISTEN_NOW',
  'PLAY_GAME',
  'EXPERIENCE_NOW',
  'GET_TICKETS_NOW',
  'GET_SHOWTIMES',
  'INTERESTED',
  'SEND_MESSAGE',
  'CALL_NOW',
  'VIEW_PROFILE',
  'WATCH_LIVE',
];

/** SHOP_NOW → "Shop now". */
export function ctaLabel(cta: CallToAction): string {
  const text = cta.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const DELIVERY: Record<DeliveryStatus, { label: string; tone: Tone }> = {
  DELIVERING: { label: 'Delivering', tone: 'green' },
  DELETED: { label: 'Deleted', tone: 'gray' },
  DISABLED: { label: 'Paused', tone: 'gray' },
  CAMPAIGN_DISABLED: { label: 'Campaign paused', tone: 'gray' },
  AD_GROUP_DISABLED: { label: 'Ad group paused', tone: 'gray' },
  IN_REVIEW: { label: 'In review', tone: 'blue' },
  REJECTED: { label: 'Rejected', tone: 'red' },
  AUTHORIZATION_EXPIRED: { label: 'Authorization expired', tone: 'red' },
  AUTHORIZATION_REVOKED: { label: 'Authorization revoked', tone: 'red' },
  AUTHORIZATION_MISSING: { label: 'No authorization', tone: 'red' },
  POST_UNAVAILABLE: { label: 'Post unavailable', tone: 'red' },
  SCHEDULED: { label: 'Scheduled', tone: 'blue' },
  ENDED: { label: 'Ended', tone: 'gray' },
  OUTSIDE_DAYPARTING: { label: 'Off hours', tone: 'amber' },
  BUDGET_EXHAUSTED: { label: 'Budget spent', tone: 'amber' },
  NO_DELIVERABLE_ADS: { label: 'Not delivering', tone: 'amber' },
};

export const AUTHORIZATION_STATUS: Record<AuthorizationStatus, { label: string; tone: Tone }> = {
  AUTHORIZED: { label: 'Waiting for brand', tone: 'blue' },
  BOUND: { label: 'Active', tone: 'green' },
  EXPIRED: { label: 'Expired', tone: 'gray' },
  REVOKED: { label: 'Revoked', tone: 'red' },
};

export const REVIEW_STATUS: Record<ReviewStatus, { label: string; tone: Tone }> = {
  PENDING: { label: 'Pending review', tone: 'blue' },
  APPROVED: { label: 'Approved', tone: 'green' },
  REJECTED: { label: 'Rejected', tone: 'red' },
};

export function performanceMeta(p: Performance | undefined): { label: string; tone: Tone } {
  switch (p?.label) {
    case 'TOP':
      return { label: 'Top post', tone: 'green' };
    case 'ABOVE_MEDIAN':
      return { label: 'Above usual', tone: 'green' };
    case 'BELOW_MEDIAN':
      return { label: 'Below usual', tone: 'amber' };
    default:
      return { label: 'New', tone: 'gray' };
  }
}
