import {
  Bell,
  FileCheck2,
  KeyRound,
  LayoutGrid,
  type LucideIcon,
  Megaphone,
  PlusCircle,
  Settings2,
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
 * The sections each kind of user sees. A new page (reports, the feed demo, delivery explain) gets
 * its route in app.tsx and its entry here.
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
            { to: '/admin/settings', label: 'Settings', icon: Settings2 },
          ],
        },
      ];
  }
}
