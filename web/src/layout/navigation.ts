import {
  BarChart3,
  Bell,
  Contact,
  FileCheck2,
  KeyRound,
  LayoutGrid,
  LineChart,
  type LucideIcon,
  Megaphone,
  Microscope,
  PlusCircle,
  Settings2,
  Smartphone,
  Sparkles,
} from 'lucide-react';
import type { Profile } from '../session/session';

export interface NavItem {
  to: string;
  label: string;
  /** Label in the phone's bottom bar, where space is short. */
  short?: string;
  icon: LucideIcon;
  /** Shows the unread notifications count. */
  showsUnread?: boolean;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

const notifications: NavItem = {
  to: '/notifications',
  label: 'Notifications',
  short: 'Alerts',
  icon: Bell,
  showsUnread: true,
};

/**
 * The sections each kind of user sees. A new page gets its route in app.tsx and its entry here.
 */
export function navigationFor(profile: Profile): NavSection[] {
  switch (profile.kind) {
    case 'creator':
      return [
        {
          title: 'Creator Studio',
          items: [
            { to: '/studio/posts', label: 'My posts', short: 'Posts', icon: LayoutGrid },
            { to: '/studio/authorizations', label: 'Authorizations', short: 'Codes', icon: KeyRound },
            { to: '/studio/analytics', label: 'Analytics', short: 'Stats', icon: LineChart },
            { to: '/studio/media-kit', label: 'Media kit', short: 'Kit', icon: Contact },
            notifications,
          ],
        },
      ];
    case 'advertiser':
      return [
        {
          title: 'Ads Manager',
          items: [
            { to: '/ads/campaigns', label: 'Campaigns', icon: Megaphone },
            ...(profile.role === 'ADMIN'
              ? [{ to: '/ads/new', label: 'Create', icon: PlusCircle } satisfies NavItem]
              : []),
            { to: '/ads/reports', label: 'Reports', icon: BarChart3 },
            { to: '/ads/library', label: 'Spark library', short: 'Library', icon: Sparkles },
            notifications,
          ],
        },
      ];
    case 'platform':
      return [
        {
          title: 'Platform',
          items: [
            { to: '/admin/reviews', label: 'Ad review', short: 'Review', icon: FileCheck2 },
            { to: '/admin/feed', label: 'Feed demo', short: 'Feed', icon: Smartphone },
            { to: '/admin/explain', label: 'Delivery explain', short: 'Explain', icon: Microscope },
            { to: '/admin/settings', label: 'Settings', icon: Settings2 },
          ],
        },
      ];
  }
}
