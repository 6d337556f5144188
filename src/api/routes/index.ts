import { advertiserAdGroupRoutes } from './advertiser-ad-groups.js';
import { advertiserAdRoutes } from './advertiser-ads.js';
import { advertiserCampaignRoutes } from './advertiser-campaigns.js';
import { advertiserLibraryRoutes } from './advertiser-library.js';
import type { Api, RouteDeps } from './common.js';
import { creatorRoutes } from './creator.js';
import { creatorAnalyticsRoutes } from './creator-analytics.js';
import { deliveryRoutes } from './delivery.js';
import { mediaKitRoutes } from './media-kits.js';
import { metaRoutes } from './meta.js';
import { platformAccountRoutes } from './platform-accounts.js';
import { platformAdminRoutes } from './platform-admin.js';
import { platformSyncRoutes } from './platform-sync.js';
import { reportRoutes } from './reports.js';
import { trendRoutes } from './trends.js';

export type { Api, RouteDeps } from './common.js';

export async function registerRoutes(app: Api, deps: RouteDeps): Promise<void> {
  metaRoutes(app, deps);
  platformSyncRoutes(app, deps);
  platformAccountRoutes(app, deps);
  platformAdminRoutes(app, deps);
  creatorRoutes(app, deps);
  advertiserLibraryRoutes(app, deps);
  advertiserCampaignRoutes(app, deps);
  advertiserAdGroupRoutes(app, deps);
  advertiserAdRoutes(app, deps);
  deliveryRoutes(app, deps);
  reportRoutes(app, deps);
  creatorAnalyticsRoutes(app, deps);
  mediaKitRoutes(app, deps);
  trendRoutes(app, deps);
}
